package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.storage.tsdb.Labels;

/**
 * Joins series that ended up with the same labels (after a function or operator dropped the
 * metric name) into one, as Prometheus's range evaluation does; two of them at the same step is
 * Prometheus's "vector cannot contain metrics with the same labelset" error.
 */
final class SeriesMerger {
    private SeriesMerger() {
    }

    static VectorSteps merge(List<StepSeries> series) {
        Map<Labels, StepSeries> byLabels = new LinkedHashMap<>(series.size() * 2);
        boolean duplicates = false;
        for (StepSeries s : series) {
            StepSeries existing = byLabels.putIfAbsent(s.labels, s);
            if (existing != null) {
                duplicates = true;
                break;
            }
        }
        if (!duplicates) {
            return new VectorSteps(series);
        }
        byLabels.clear();
        for (StepSeries s : series) {
            StepSeries existing = byLabels.get(s.labels);
            if (existing == null) {
                byLabels.put(s.labels, new StepSeries(s.labels, s.values.clone()));
                continue;
            }
            for (int i = 0; i < s.values.length; i++) {
                if (!Absent.is(s.values[i])) {
                    if (!Absent.is(existing.values[i])) {
                        throw new PromqlException(ErrorType.EXECUTION,
                                "vector cannot contain metrics with the same labelset");
                    }
                    existing.values[i] = s.values[i];
                }
            }
        }
        return new VectorSteps(new ArrayList<>(byLabels.values()));
    }
}
