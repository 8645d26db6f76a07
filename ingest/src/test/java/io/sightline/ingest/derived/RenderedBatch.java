package io.sightline.ingest.derived;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleBatch;

/** A sample batch as text, for assertions: series in Prometheus's text form → value, and their exemplars. */
record RenderedBatch(Map<String, Double> values, Map<String, String> exemplars, Map<String, Long> timestamps) {
    static RenderedBatch of(SampleBatch batch) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> exemplars = new LinkedHashMap<>();
        Map<String, Long> timestamps = new LinkedHashMap<>();
        for (int s = 0; s < batch.seriesCount(); s++) {
            String series = LabelBlock.toLabels(batch.labelArray(), batch.labelStart(s),
                    batch.labelEnd(s) - batch.labelStart(s)).toString();
            for (int i = batch.sampleStart(s); i < batch.sampleEnd(s); i++) {
                if (values.put(series, batch.value(i)) != null) {
                    throw new AssertionError("series twice in one batch: " + series);
                }
                timestamps.put(series, batch.timestamp(i));
            }
            for (int e = batch.exemplarStart(s); e < batch.exemplarEnd(s); e++) {
                String labels = LabelBlock.toLabels(batch.exemplarLabelArray(), batch.exemplarLabelStart(e),
                        batch.exemplarLabelEnd(e) - batch.exemplarLabelStart(e)).toString();
                exemplars.put(series, labels + " " + batch.exemplarValue(e) + " @" + batch.exemplarTimestamp(e));
            }
        }
        return new RenderedBatch(values, exemplars, timestamps);
    }
}
