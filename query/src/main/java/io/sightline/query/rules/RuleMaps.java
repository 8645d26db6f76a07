package io.sightline.query.rules;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rule labels and annotations are name → value maps, not {@code Labels}: a rule label with an empty
 * value is meaningful (it removes that label from the result, as in Prometheus), and {@code Labels}
 * drops empty values.
 */
final class RuleMaps {
    private RuleMaps() {
    }

    /** An unmodifiable copy sorted by name. */
    static SortedMap<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
