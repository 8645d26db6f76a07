package io.sightline.query.alerting;

import java.util.List;

import io.sightline.storage.tsdb.Labels;

/**
 * Where the rule engine writes what it computes into the TSDB: recording rules' results and the
 * {@code ALERTS} / {@code ALERTS_FOR_STATE} series (the appliance writes them through the metrics
 * WAL, as any sample). The query module does not append to storage itself.
 */
@FunctionalInterface
public interface RecordedSamples {
    /** One sample of a written series. {@code value} may be a stale marker (Prometheus's NaN bits). */
    record Sample(Labels labels, long timeMs, double value) {
    }

    /** Writes {@code samples} (one evaluation's, in order); failures are logged, not thrown back into the rule. */
    void write(List<Sample> samples);
}
