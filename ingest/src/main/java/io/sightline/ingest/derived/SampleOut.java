package io.sightline.ingest.derived;

import io.sightline.ingest.otlp.PrometheusNaming;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Writes derived counters and histograms into a {@link SampleBatch} as the OTLP → Prometheus
 * mapping writes them: one sample per series at the flush's timestamp; a histogram as cumulative
 * {@code _bucket{le}} series (one per bound plus {@code le="+Inf"}), {@code _sum} and {@code _count};
 * an exemplar on a counter's series, or on the first bucket whose {@code le} is at or above its value.
 * A series' first write since the derivation began starts with a {@code 0} sample 1 ms before the
 * flush (as Tempo's metrics-generator writes new series): the counters start at zero in memory, at
 * start-up and after every restart, and without that zero neither PromQL's {@code increase()} nor
 * the dependency links see what a new series counted in its first interval, nor a restart whose first
 * value is at or above the last one written before it. Each series is numbered as a request item,
 * so admission's rejections can be counted. Not thread-safe.
 */
final class SampleOut {
    private static final String NAME = "__name__";
    private static final String LE = "le";

    private final SampleBatch batch = new SampleBatch();
    private long timestampMs;
    private int item;

    /** A span whose ids an exemplar carries; {@code spanId} may be "" (left out). */
    record Exemplar(String traceId, String spanId, double value) {
    }

    /** Starts an empty batch whose samples are at {@code timestampMs}. */
    void start(long timestampMs) {
        batch.clear();
        this.timestampMs = timestampMs;
        this.item = 0;
    }

    SampleBatch batch() {
        return batch;
    }

    /** The {@code le} values of {@code bounds}, {@code +Inf} last. */
    static String[] leValues(double[] bounds) {
        String[] le = new String[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            le[i] = PrometheusNaming.formatFloat(bounds[i]);
        }
        le[bounds.length] = "+Inf";
        return le;
    }

    void metadata(String family, String type, String help, String unit) {
        batch.metadata(new MetricMetadata(family, type, help, unit));
    }

    /** One counter series; {@code exemplar} may be null; {@code first}: the series' first write (a 0 goes before). */
    void counter(String name, DerivedLabels labels, double value, Exemplar exemplar, boolean first) {
        series(name, labels, null);
        sample(value, first);
        if (exemplar != null) {
            exemplar(exemplar);
        }
    }

    /**
     * A histogram's series under {@code family}; {@code exemplar} (may be null) goes to its bucket;
     * {@code first}: the histogram's first write (each of its series starts with a 0).
     */
    void histogram(String family, DerivedLabels labels, Histogram histogram, String[] le, Exemplar exemplar, boolean first) {
        String bucketName = family + "_bucket";
        int exemplarBucket = exemplar == null ? -1 : Histogram.bucketOf(histogram.bounds(), exemplar.value());
        long cumulative = 0;
        for (int i = 0; i < le.length; i++) {
            cumulative += histogram.bucket(i);
            series(bucketName, labels, le[i]);
            sample(cumulative, first);
            if (i == exemplarBucket) {
                exemplar(exemplar);
            }
        }
        series(family + "_sum", labels, null);
        sample(histogram.sum(), first);
        series(family + "_count", labels, null);
        sample(histogram.count(), first);
    }

    /** The current series' sample at the flush, after a 0 one millisecond earlier when it is the series' first. */
    private void sample(double value, boolean first) {
        if (first) {
            batch.sample(timestampMs - 1, 0);
        }
        batch.sample(timestampMs, value);
    }

    /** Starts a series: {@code __name__} first (it sorts before every lower-case name), {@code le} in its place. */
    private void series(String name, DerivedLabels labels, String le) {
        batch.beginSeries(item++);
        batch.label(NAME, name);
        boolean leWritten = le == null;
        for (int i = 0; i < labels.size(); i++) {
            if (!leWritten && labels.name(i).compareTo(LE) > 0) {
                batch.label(LE, le);
                leWritten = true;
            }
            batch.label(labels.name(i), labels.value(i));
        }
        if (!leWritten) {
            batch.label(LE, le);
        }
    }

    private void exemplar(Exemplar exemplar) {
        batch.beginExemplar();
        if (!exemplar.spanId().isEmpty()) {
            batch.exemplarLabel("span_id", exemplar.spanId());
        }
        batch.exemplarLabel("trace_id", exemplar.traceId());
        batch.endExemplar(exemplar.value(), timestampMs);
    }
}
