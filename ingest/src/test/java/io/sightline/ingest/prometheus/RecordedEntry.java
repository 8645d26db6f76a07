package io.sightline.ingest.prometheus;

import java.util.ArrayList;
import java.util.List;

import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;

/** A decoded sample-batch entry as plain values: "labels t=v" lines, exemplars and metadata. */
public record RecordedEntry(List<String> samples, List<String> exemplars, List<MetricMetadata> metadata) {
    public static RecordedEntry of(byte[] entry) {
        List<String> samples = new ArrayList<>();
        List<String> exemplars = new ArrayList<>();
        List<MetricMetadata> metadata = new ArrayList<>();
        SampleEntries.read(entry, new SampleEntries.Visitor() {
            private Labels series;

            @Override
            public void series(byte[] bytes, int offset, int length) {
                series = LabelBlock.toLabels(bytes, offset, length);
            }

            @Override
            public void sample(long timestampMs, double value) {
                samples.add(series + " " + timestampMs + "=" + value);
            }

            @Override
            public void exemplar(byte[] bytes, int offset, int length, double value, long timestampMs) {
                exemplars.add(series + " " + LabelBlock.toLabels(bytes, offset, length) + " " + timestampMs + "="
                        + value);
            }

            @Override
            public void metadata(MetricMetadata family) {
                metadata.add(family);
            }
        });
        return new RecordedEntry(samples, exemplars, metadata);
    }
}
