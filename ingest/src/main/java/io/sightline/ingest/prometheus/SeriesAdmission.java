package io.sightline.ingest.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Decides which samples of a {@link SampleBatch} are accepted and encodes those into a metrics WAL
 * entry. It remembers, per series (keyed by its {@link LabelBlock}), the newest accepted sample:
 * <ul>
 *   <li>a sample newer than that is accepted;
 *   <li>one at the same time with the same value (bit for bit, or both NaN) is a duplicate, ignored
 *       without complaint (a client retrying a request it did not see answered);
 *   <li>one at the same time with another value is rejected ({@code duplicate_timestamp});
 *   <li>an older one is accepted only within {@link AdmissionConfig#outOfOrderWindow()}, otherwise
 *       rejected ({@code out_of_order}).
 * </ul>
 * A new series must pass the label limits and the series limits (total and per metric name).
 * Series with no sample for {@link AdmissionConfig#seriesIdleTimeout()} are forgotten.
 * Metric metadata goes into the entry only when it changed or after
 * {@link AdmissionConfig#metadataRefresh()}. Not thread-safe: {@link SampleWriter} serialises it.
 */
final class SeriesAdmission {
    private final AdmissionConfig config;
    private final Map<ByteKey, AdmittedSeries> series = new HashMap<>();
    private final Map<String, int[]> seriesPerMetric = new HashMap<>();
    private final Map<String, WrittenMetadata> metadata = new HashMap<>();
    private final ByteKey probe = new ByteKey();
    private final SampleEntryWriter writer = new SampleEntryWriter();
    private final long windowMillis;
    private final long idleMillis;
    private final long sweepEveryMillis;
    private boolean[] accepted = new boolean[64];
    private long lastSweepMillis;
    private long acceptedSamples;

    SeriesAdmission(AdmissionConfig config, long nowMillis) {
        this.config = config;
        this.windowMillis = config.outOfOrderWindow().toMillis();
        this.idleMillis = config.seriesIdleTimeout().toMillis();
        // Sweeping costs a pass over every series: often enough that memory follows churn closely,
        // rarely enough that it is noise (a few ms per 100,000 series).
        this.sweepEveryMillis = Math.max(1, Math.min(idleMillis / 4, 60_000));
        this.lastSweepMillis = nowMillis;
    }

    int seriesCount() {
        return series.size();
    }

    /** Samples accepted by the last {@link #admit} (duplicates ignored are not counted). */
    long acceptedSamples() {
        return acceptedSamples;
    }

    /**
     * Admits {@code batch}, recording what is rejected in {@code rejections}.
     *
     * @param nowMillis the wall clock, for idle eviction and metadata refresh only
     * @return the WAL entry holding the accepted samples, exemplars and metadata; null if nothing is left to write
     */
    byte[] admit(SampleBatch batch, SampleRejections rejections, long nowMillis) {
        if (nowMillis - lastSweepMillis >= sweepEveryMillis) {
            forgetIdle(nowMillis);
        }
        acceptedSamples = 0;
        writer.begin();
        byte[] labels = batch.labelArray();
        for (int s = 0; s < batch.seriesCount(); s++) {
            int labelStart = batch.labelStart(s);
            int labelLength = batch.labelEnd(s) - labelStart;
            int from = batch.sampleStart(s);
            int to = batch.sampleEnd(s);
            AdmittedSeries state = series.get(probe.wrap(labels, labelStart, labelLength));
            if (state == null) {
                state = newSeries(batch, s, rejections, to - from);
                if (state == null) {
                    continue;
                }
            }
            state.lastSeenMillis = nowMillis;
            int count = decide(batch, s, state, rejections);
            int exemplarFrom = batch.exemplarStart(s);
            int exemplarTo = batch.exemplarEnd(s);
            if (count == 0 && exemplarFrom == exemplarTo) {
                continue;
            }
            writer.series(labels, labelStart, labelLength, count);
            for (int i = from; i < to; i++) {
                if (accepted[i - from]) {
                    writer.sample(batch.timestamp(i), batch.value(i));
                }
            }
            writer.exemplars(exemplarTo - exemplarFrom);
            byte[] exemplarLabels = batch.exemplarLabelArray();
            for (int e = exemplarFrom; e < exemplarTo; e++) {
                int start = batch.exemplarLabelStart(e);
                writer.exemplar(exemplarLabels, start, batch.exemplarLabelEnd(e) - start, batch.exemplarValue(e),
                        batch.exemplarTimestamp(e));
            }
            acceptedSamples += count;
        }
        List<MetricMetadata> changed = changedMetadata(batch.metadata(), nowMillis);
        if (writer.seriesWritten() == 0 && changed.isEmpty()) {
            return null;
        }
        return writer.finish(changed);
    }

    /** Marks the accepted samples of series {@code s} in {@link #accepted}; returns how many. */
    private int decide(SampleBatch batch, int s, AdmittedSeries state, SampleRejections rejections) {
        int from = batch.sampleStart(s);
        int to = batch.sampleEnd(s);
        if (accepted.length < to - from) {
            accepted = new boolean[Math.max(to - from, accepted.length * 2)];
        }
        int count = 0;
        for (int i = from; i < to; i++) {
            long t = batch.timestamp(i);
            double v = batch.value(i);
            boolean ok;
            if (!state.hasSample || t > state.newestMillis) {
                state.hasSample = true;
                state.newestMillis = t;
                state.newestValue = v;
                ok = true;
            } else if (t == state.newestMillis) {
                ok = false;
                if (!sameValue(v, state.newestValue)) {
                    rejections.reject(batch.origin(s), SampleRejections.DUPLICATE_TIMESTAMP, 1,
                            rejections.wantsMessage() ? "duplicate sample for series " + describe(batch, s) + " at "
                                    + Instant.ofEpochMilli(t) + ": value " + v + " differs from the accepted "
                                    + state.newestValue : null);
                }
            } else if (state.newestMillis - t <= windowMillis) {
                ok = true;
            } else {
                ok = false;
                rejections.reject(batch.origin(s), SampleRejections.OUT_OF_ORDER, 1,
                        rejections.wantsMessage() ? "out of order sample for series " + describe(batch, s) + " at "
                                + Instant.ofEpochMilli(t) + ": newest accepted is "
                                + Instant.ofEpochMilli(state.newestMillis)
                                + (windowMillis > 0 ? " (metrics.out-of-order-window is " + config.outOfOrderWindow()
                                + ")" : "") : null);
            }
            accepted[i - from] = ok;
            if (ok) {
                count++;
            }
        }
        return count;
    }

    /** Registers series {@code s} if the limits allow; otherwise rejects its samples and returns null. */
    private AdmittedSeries newSeries(SampleBatch batch, int s, SampleRejections rejections, int samples) {
        byte[] labels = batch.labelArray();
        int start = batch.labelStart(s);
        int length = batch.labelEnd(s) - start;
        String problem = LabelBlock.limitProblem(labels, start, length, config);
        String reason = SampleRejections.LABEL_LIMIT;
        String metric = LabelBlock.metricName(labels, start, length);
        int[] perMetric = seriesPerMetric.get(metric);
        if (problem == null && series.size() >= config.maxSeries()) {
            reason = SampleRejections.TOO_MANY_SERIES;
            problem = "too many series: limit is " + config.maxSeries() + " (metrics.max-series)";
        } else if (problem == null && perMetric != null && perMetric[0] >= config.maxSeriesPerMetric()) {
            reason = SampleRejections.TOO_MANY_SERIES_PER_METRIC;
            problem = "too many series of metric " + metric + ": limit is " + config.maxSeriesPerMetric()
                    + " (metrics.max-series-per-metric)";
        }
        if (problem != null) {
            rejections.reject(batch.origin(s), reason, samples,
                    rejections.wantsMessage() ? "series " + describe(batch, s) + " rejected: " + problem : null);
            return null;
        }
        if (perMetric == null) {
            perMetric = new int[1];
            seriesPerMetric.put(metric, perMetric);
        }
        perMetric[0]++;
        AdmittedSeries state = new AdmittedSeries(java.util.Arrays.copyOfRange(labels, start, start + length),
                perMetric);
        series.put(state, state);
        return state;
    }

    private List<MetricMetadata> changedMetadata(List<MetricMetadata> families, long nowMillis) {
        if (families.isEmpty()) {
            return List.of();
        }
        List<MetricMetadata> changed = new ArrayList<>();
        for (MetricMetadata family : families) {
            WrittenMetadata written = metadata.get(family.metric());
            if (written == null || !written.metadata.equals(family)
                    || nowMillis - written.writtenMillis >= config.metadataRefresh().toMillis()) {
                metadata.put(family.metric(), new WrittenMetadata(family, nowMillis));
                changed.add(family);
            }
        }
        return changed;
    }

    private void forgetIdle(long nowMillis) {
        lastSweepMillis = nowMillis;
        Iterator<AdmittedSeries> states = series.values().iterator();
        while (states.hasNext()) {
            AdmittedSeries state = states.next();
            if (nowMillis - state.lastSeenMillis >= idleMillis) {
                states.remove();
                state.perMetric[0]--;
            }
        }
        seriesPerMetric.values().removeIf(count -> count[0] <= 0);
        metadata.values().removeIf(written -> nowMillis - written.writtenMillis >= idleMillis);
    }

    private static boolean sameValue(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b) || a == b
                || (Double.isNaN(a) && Double.isNaN(b) && !io.sightline.storage.tsdb.Sample.isStaleMarker(a)
                && !io.sightline.storage.tsdb.Sample.isStaleMarker(b));
    }

    private static String describe(SampleBatch batch, int s) {
        return LabelBlock.describe(batch.labelArray(), batch.labelStart(s), batch.labelEnd(s) - batch.labelStart(s));
    }

    /** One known series: its key (the label block) and the newest accepted sample. */
    private static final class AdmittedSeries extends ByteKey {
        final int[] perMetric;
        boolean hasSample;
        long newestMillis;
        double newestValue;
        long lastSeenMillis;

        AdmittedSeries(byte[] labels, int[] perMetric) {
            super(labels);
            this.perMetric = perMetric;
        }
    }

    private record WrittenMetadata(MetricMetadata metadata, long writtenMillis) {
    }
}
