package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A series' identity: label pairs sorted by name, names unique, no empty values (as in Prometheus,
 * a label with an empty value is the same as no label). Immutable; thread-safe.
 */
public final class Labels implements Comparable<Labels> {
    /** The label holding the metric name. */
    public static final String METRIC_NAME = "__name__";

    public static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] pairs;
    private int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    /** Labels from alternating names and values, in any order; empty values are dropped. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label names and values");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Labels from a map; empty values are dropped. */
    public static Labels of(Map<String, String> map) {
        Builder builder = builder();
        map.forEach(builder::set);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these labels. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        forEach(builder::set);
        return builder;
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of {@code name}, or "" when there is no such label (Prometheus's convention). */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : pairs[2 * i + 1];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The metric name, or "" when there is none. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return names;
    }

    /** These labels without {@code names}. */
    public Labels without(Collection<String> names) {
        // A copy of the sorted pairs minus the dropped ones: no builder, no re-sort (the engine drops
        // __name__ from every series a function or operator returns).
        boolean[] dropped = null;
        int kept = size();
        for (String name : names) {
            int index = indexOf(name);
            if (index >= 0) {
                if (dropped == null) {
                    dropped = new boolean[size()];
                }
                if (!dropped[index]) {
                    dropped[index] = true;
                    kept--;
                }
            }
        }
        if (dropped == null) {
            return this;
        }
        String[] out = new String[2 * kept];
        int to = 0;
        for (int i = 0; i < size(); i++) {
            if (!dropped[i]) {
                out[to++] = pairs[2 * i];
                out[to++] = pairs[2 * i + 1];
            }
        }
        return new Labels(out);
    }

    /** Only the labels named in {@code names}. */
    public Labels keep(Set<String> names) {
        Builder builder = builder();
        forEach((n, v) -> {
            if (names.contains(n)) {
                builder.set(n, v);
            }
        });
        return builder.build();
    }

    private int indexOf(String name) {
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Orders as Prometheus's labels.Compare: pair by pair, name then value, then by length. */
    @Override
    public int compareTo(Labels other) {
        int n = Math.min(pairs.length, other.pairs.length);
        for (int i = 0; i < n; i++) {
            // Interned names and values: the same string object is equal without a scan.
            if (pairs[i] != other.pairs[i]) {
                int c = pairs[i].compareTo(other.pairs[i]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(pairs.length, other.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Labels other && hashCode() == other.hashCode()
                && Arrays.equals(pairs, other.pairs));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** Prometheus's text form: {@code name{a="b", c="d"}}, or {@code {a="b"}} without a name. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        String name = metricName();
        out.append(name).append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(pairs[i]).append("=\"");
            appendEscaped(out, pairs[i + 1]);
            out.append('"');
        }
        return out.append('}').toString();
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Collects labels; the last value set for a name wins; an empty value deletes. Not thread-safe. */
    public static final class Builder {
        private final java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();

        public Builder set(String name, String value) {
            if (value == null || value.isEmpty()) {
                labels.remove(name);
            } else {
                labels.put(name, value);
            }
            return this;
        }

        public Builder delete(String name) {
            labels.remove(name);
            return this;
        }

        public String get(String name) {
            return labels.getOrDefault(name, "");
        }

        public Labels build() {
            if (labels.isEmpty()) {
                return EMPTY;
            }
            String[] pairs = new String[labels.size() * 2];
            int i = 0;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                pairs[i++] = label.getKey();
                pairs[i++] = label.getValue();
            }
            return new Labels(pairs);
        }
    }
}
