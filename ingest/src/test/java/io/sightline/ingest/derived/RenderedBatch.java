package io.sightline.ingest.derived;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleBatch;

/**
 * A sample batch as text, for assertions: series in Prometheus's text form → value (the last sample),
 * their exemplars, and the series written for the first time, whose value follows a 0 one
 * millisecond earlier (any other second sample fails).
 */
record RenderedBatch(Map<String, Double> values, Map<String, String> exemplars, Map<String, Long> timestamps,
                     java.util.Set<String> startedAtZero) {
    static RenderedBatch of(SampleBatch batch) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> exemplars = new LinkedHashMap<>();
        Map<String, Long> timestamps = new LinkedHashMap<>();
        java.util.Set<String> startedAtZero = new java.util.LinkedHashSet<>();
        for (int s = 0; s < batch.seriesCount(); s++) {
            String series = LabelBlock.toLabels(batch.labelArray(), batch.labelStart(s),
                    batch.labelEnd(s) - batch.labelStart(s)).toString();
            int first = batch.sampleStart(s);
            int last = batch.sampleEnd(s) - 1;
            if (last == first + 1 && batch.value(first) == 0 && batch.timestamp(first) == batch.timestamp(last) - 1) {
                startedAtZero.add(series);
            } else if (last != first) {
                throw new AssertionError("series with " + (last - first + 1) + " samples in one batch: " + series);
            }
            if (values.put(series, batch.value(last)) != null) {
                throw new AssertionError("series twice in one batch: " + series);
            }
            timestamps.put(series, batch.timestamp(last));
            for (int e = batch.exemplarStart(s); e < batch.exemplarEnd(s); e++) {
                String labels = LabelBlock.toLabels(batch.exemplarLabelArray(), batch.exemplarLabelStart(e),
                        batch.exemplarLabelEnd(e) - batch.exemplarLabelStart(e)).toString();
                exemplars.put(series, labels + " " + batch.exemplarValue(e) + " @" + batch.exemplarTimestamp(e));
            }
        }
        return new RenderedBatch(values, exemplars, timestamps, startedAtZero);
    }
}
