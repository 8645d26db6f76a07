package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Warnings and infos collected while evaluating one query, deduplicated, in order found. */
final class Annotations {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();

    void warn(String message) {
        warnings.add("PromQL warning: " + message);
    }

    void info(String message) {
        infos.add("PromQL info: " + message);
    }

    List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    List<String> infos() {
        return new ArrayList<>(infos);
    }
}
