package io.sightline.ingest.export;

import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;

/** Builds metrics WAL entries (sample batches) the way the receivers write them. */
final class TestEntries {
    private final SampleBatch batch = new SampleBatch();

    TestEntries series(String... namesAndValues) {
        batch.beginSeries(0);
        Labels.of(namesAndValues).forEach(batch::label);
        return this;
    }

    TestEntries sample(long timestampMs, double value) {
        batch.sample(timestampMs, value);
        return this;
    }

    TestEntries exemplar(Labels labels, double value, long timestampMs) {
        batch.beginExemplar();
        labels.forEach(batch::exemplarLabel);
        batch.endExemplar(value, timestampMs);
        return this;
    }

    TestEntries metadata(String family, String type, String help, String unit) {
        batch.metadata(new MetricMetadata(family, type, help, unit));
        return this;
    }

    byte[] entry() {
        return new SampleEntryWriter().encode(batch);
    }
}
