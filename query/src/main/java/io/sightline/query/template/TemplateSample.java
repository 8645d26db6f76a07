package io.sightline.query.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of an instant vector a {@link TemplateQueryFunction} answers, as Prometheus's templates
 * see it: {@code .Labels} (the metric name under {@code __name__}) and {@code .Value}.
 */
public record TemplateSample(Map<String, String> labels, double value) {
    public TemplateSample {
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    /** The template value: a map with {@code Labels} and {@code Value}. */
    Map<String, Object> toTemplateValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Labels", new LinkedHashMap<String, Object>(new java.util.TreeMap<>(labels)));
        m.put("Value", value);
        return m;
    }

    static List<Object> toTemplateValues(List<TemplateSample> samples) {
        return samples.stream().map(s -> (Object) s.toTemplateValue()).toList();
    }
}
