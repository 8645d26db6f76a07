package io.sightline.ingest.otlp;

import java.util.Arrays;
import java.util.List;

import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.storage.tsdb.Sample;

/**
 * Histogram points as classic Prometheus histograms: {@code <family>_bucket{le}} with cumulative
 * counts ending in {@code le="+Inf"} (= the point's count), {@code <family>_sum} when the point has a
 * sum, {@code <family>_count}. Each exemplar goes on the first bucket whose bound is at or above its
 * value. Delta points are first added to their family's run ({@link DeltaRuns}); an explicit
 * histogram whose bounds changed starts a new run. Thread-safe (static; state in the mapping).
 */
final class HistogramMapping {
    private static final int NO_RECORDED_VALUE = 1;

    private HistogramMapping() {
    }

    /**
     * An explicit-bounds point (labels sealed): {@code bounds[0, boundCount)} and {@code
     * counts[0, countCount)} as sent (missing counts are 0, extra ones ignored).
     */
    static void explicit(MetricsMapping m, int index, String family, boolean delta, long startNanos, long timeNanos,
                         int flags, double[] bounds, int boundCount, long[] bucketCounts, int countCount, long count,
                         double sum, boolean hasSum, List<Exemplar> exemplars) {
        long time = m.millis(timeNanos);
        boolean stale = (flags & NO_RECORDED_VALUE) != 0;
        long[] counts = new long[boundCount + 1];
        System.arraycopy(bucketCounts, 0, counts, 0, Math.min(counts.length, countCount));
        if (delta && !stale) {
            ByteBuilder key = m.familyKey(family);
            DeltaRuns deltas = m.deltas();
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(key.array(), 0, key.size(), m.nowMillis());
                // Arrays.equals compares doubles as Double.equals does (by bits, NaN equal to NaN).
                DeltaRuns.HistogramRun run = found instanceof DeltaRuns.HistogramRun h
                        && Arrays.equals(h.bounds, 0, h.bounds.length, bounds, 0, boundCount) ? h : null;
                DeltaRuns.Step step = DeltaRuns.step(run, startNanos, timeNanos);
                if (step == DeltaRuns.Step.REJECT) {
                    m.rejectDelta(index, family, run, timeNanos);
                    return;
                }
                if (step == DeltaRuns.Step.START) {
                    run = new DeltaRuns.HistogramRun();
                    run.bounds = Arrays.copyOf(bounds, boundCount);
                    run.counts = new long[counts.length];
                    run.hasSum = true;
                    deltas.put(key.array(), 0, key.size(), run);
                }
                for (int i = 0; i < counts.length; i++) {
                    run.counts[i] += counts[i];
                }
                run.count += count;
                run.sum += sum;
                run.hasSum &= hasSum;
                run.endNanos = timeNanos;
                run.lastSeenMillis = m.nowMillis();
                counts = run.counts.clone();
                count = run.count;
                sum = run.sum;
                hasSum = run.hasSum;
            }
        }
        SampleBatch out = m.out();
        long cumulative = 0;
        for (int i = 0; i < boundCount; i++) {
            cumulative += counts[i];
            bucket(m, index, family, bounds[i], i == 0 ? Double.NEGATIVE_INFINITY : bounds[i - 1], time,
                    stale ? Sample.STALE_NAN : cumulative, exemplars);
        }
        bucket(m, index, family, Double.POSITIVE_INFINITY, boundCount == 0 ? Double.NEGATIVE_INFINITY
                : bounds[boundCount - 1], time, stale ? Sample.STALE_NAN : count, exemplars);
        totals(m, out, index, family, time, stale, hasSum, sum, count);
    }

    /**
     * An exponential point (labels sealed), its buckets as sent: brought to a classic scale here,
     * unless the point has no recorded value.
     */
    static void exponential(MetricsMapping m, int index, String family, boolean delta, long startNanos,
                            long timeNanos, int flags, ExponentialBuckets buckets, List<Exemplar> exemplars) {
        long time = m.millis(timeNanos);
        SampleBatch out = m.out();
        if ((flags & NO_RECORDED_VALUE) != 0) {
            // Without values there are no buckets to mark; +Inf, sum and count carry the marker.
            bucket(m, index, family, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, time, Sample.STALE_NAN,
                    List.of());
            totals(m, out, index, family, time, true, buckets.hasSum, 0, 0);
            return;
        }
        OtlpMetricsConfig config = m.config();
        buckets.fit(config.exponentialMaxScale(), config.exponentialMaxBuckets());
        if (delta) {
            ByteBuilder key = m.familyKey(family);
            DeltaRuns deltas = m.deltas();
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(key.array(), 0, key.size(), m.nowMillis());
                DeltaRuns.ExponentialRun run = found instanceof DeltaRuns.ExponentialRun e ? e : null;
                DeltaRuns.Step step = DeltaRuns.step(run, startNanos, timeNanos);
                if (step == DeltaRuns.Step.REJECT) {
                    m.rejectDelta(index, family, run, timeNanos);
                    return;
                }
                if (step == DeltaRuns.Step.START) {
                    run = new DeltaRuns.ExponentialRun();
                    run.buckets = buckets;
                    deltas.put(key.array(), 0, key.size(), run);
                } else {
                    run.buckets.add(buckets, config.exponentialMaxBuckets());
                }
                run.endNanos = timeNanos;
                run.lastSeenMillis = m.nowMillis();
                buckets = run.buckets;
                emit(m, index, family, time, buckets, exemplars);
                return;
            }
        }
        emit(m, index, family, time, buckets, exemplars);
    }

    private static void emit(MetricsMapping m, int index, String family, long time, ExponentialBuckets buckets,
                             List<Exemplar> exemplars) {
        double[] previous = {Double.NEGATIVE_INFINITY};
        buckets.emit((bound, cumulative) -> {
            bucket(m, index, family, bound, previous[0], time, cumulative, exemplars);
            previous[0] = bound;
        });
        totals(m, m.out(), index, family, time, false, buckets.hasSum, buckets.sum, buckets.count);
    }

    private static void bucket(MetricsMapping m, int index, String family, double bound, double below, long time,
                               double value, List<Exemplar> exemplars) {
        m.series(index, m.suffixed(family).bucket(), EncodedText.LE, m.le(bound));
        m.out().sample(time, value);
        for (Exemplar exemplar : exemplars) {
            double v = exemplar.getValueCase() == Exemplar.ValueCase.AS_INT ? exemplar.getAsInt() : exemplar.getAsDouble();
            if (v <= bound && v > below) {
                m.exemplar(exemplar);
            }
        }
    }

    private static void totals(MetricsMapping m, SampleBatch out, int index, String family, long time, boolean stale,
                               boolean hasSum, double sum, long count) {
        if (hasSum) {
            m.series(index, m.suffixed(family).sum(), null, null);
            out.sample(time, stale ? Sample.STALE_NAN : sum);
        }
        m.series(index, m.suffixed(family).count(), null, null);
        out.sample(time, stale ? Sample.STALE_NAN : count);
    }
}
