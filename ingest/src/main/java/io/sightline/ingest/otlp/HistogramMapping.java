package io.sightline.ingest.otlp;

import java.util.List;

import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
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

    static void explicit(MetricsMapping m, HistogramDataPoint p, String family, boolean delta) {
        int index = m.nextPoint();
        m.labels(p.getAttributesList());
        long time = m.millis(p.getTimeUnixNano());
        boolean stale = (p.getFlags() & NO_RECORDED_VALUE) != 0;
        List<Double> bounds = p.getExplicitBoundsList();
        long[] counts = new long[bounds.size() + 1];
        for (int i = 0; i < counts.length && i < p.getBucketCountsCount(); i++) {
            counts[i] = p.getBucketCounts(i);
        }
        long count = p.getCount();
        double sum = p.getSum();
        boolean hasSum = p.hasSum();
        if (delta && !stale) {
            ByteBuilder key = m.familyKey(family);
            DeltaRuns deltas = m.deltas();
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(key.array(), 0, key.size(), m.nowMillis());
                DeltaRuns.HistogramRun run = found instanceof DeltaRuns.HistogramRun h && h.bounds.equals(bounds)
                        ? h : null;
                DeltaRuns.Step step = DeltaRuns.step(run, p.getStartTimeUnixNano(), p.getTimeUnixNano());
                if (step == DeltaRuns.Step.REJECT) {
                    m.rejectDelta(index, family, run, p.getTimeUnixNano());
                    return;
                }
                if (step == DeltaRuns.Step.START) {
                    run = new DeltaRuns.HistogramRun();
                    run.bounds = List.copyOf(bounds);
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
                run.endNanos = p.getTimeUnixNano();
                run.lastSeenMillis = m.nowMillis();
                counts = run.counts.clone();
                count = run.count;
                sum = run.sum;
                hasSum = run.hasSum;
            }
        }
        SampleBatch out = m.out();
        long cumulative = 0;
        for (int i = 0; i < bounds.size(); i++) {
            cumulative += counts[i];
            // getExplicitBounds(i), not bounds.get(i): the list's get boxes a Double.
            bucket(m, index, family, p.getExplicitBounds(i), i == 0 ? Double.NEGATIVE_INFINITY : p.getExplicitBounds(i - 1), time,
                    stale ? Sample.STALE_NAN : cumulative, p.getExemplarsList());
        }
        bucket(m, index, family, Double.POSITIVE_INFINITY, bounds.isEmpty() ? Double.NEGATIVE_INFINITY
                : p.getExplicitBounds(bounds.size() - 1), time, stale ? Sample.STALE_NAN : count, p.getExemplarsList());
        totals(m, out, index, family, time, stale, hasSum, sum, count);
    }

    static void exponential(MetricsMapping m, ExponentialHistogramDataPoint p, String family, boolean delta) {
        int index = m.nextPoint();
        m.labels(p.getAttributesList());
        long time = m.millis(p.getTimeUnixNano());
        SampleBatch out = m.out();
        if ((p.getFlags() & NO_RECORDED_VALUE) != 0) {
            // Without values there are no buckets to mark; +Inf, sum and count carry the marker.
            bucket(m, index, family, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, time, Sample.STALE_NAN,
                    List.of());
            totals(m, out, index, family, time, true, p.hasSum(), 0, 0);
            return;
        }
        OtlpMetricsConfig config = m.config();
        ExponentialBuckets buckets = ExponentialBuckets.of(p, config.exponentialMaxScale(),
                config.exponentialMaxBuckets());
        if (delta) {
            ByteBuilder key = m.familyKey(family);
            DeltaRuns deltas = m.deltas();
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(key.array(), 0, key.size(), m.nowMillis());
                DeltaRuns.ExponentialRun run = found instanceof DeltaRuns.ExponentialRun e ? e : null;
                DeltaRuns.Step step = DeltaRuns.step(run, p.getStartTimeUnixNano(), p.getTimeUnixNano());
                if (step == DeltaRuns.Step.REJECT) {
                    m.rejectDelta(index, family, run, p.getTimeUnixNano());
                    return;
                }
                if (step == DeltaRuns.Step.START) {
                    run = new DeltaRuns.ExponentialRun();
                    run.buckets = buckets;
                    deltas.put(key.array(), 0, key.size(), run);
                } else {
                    run.buckets.add(buckets, config.exponentialMaxBuckets());
                }
                run.endNanos = p.getTimeUnixNano();
                run.lastSeenMillis = m.nowMillis();
                buckets = run.buckets;
                emit(m, index, family, time, buckets, p.getExemplarsList());
                return;
            }
        }
        emit(m, index, family, time, buckets, p.getExemplarsList());
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
        m.series(index, m.suffixed(family).bucket(), "le", m.le(bound));
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
