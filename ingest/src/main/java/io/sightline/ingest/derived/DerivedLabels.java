package io.sightline.ingest.derived;

import java.util.Arrays;

/**
 * The labels of one derived series besides {@code __name__} and {@code le}: names in byte order,
 * pairs with an empty value left out (Prometheus treats an empty label as an absent one, and label
 * blocks may not hold empty values). Equal label sets are equal objects. Immutable.
 */
final class DerivedLabels {
    private final String[] names;
    private final String[] values;
    private final int hash;

    /**
     * @param pairs name, value, name, value, …; names in strictly increasing byte order, none of them
     *              {@code __name__} or {@code le}
     */
    static DerivedLabels of(String... pairs) {
        int kept = 0;
        for (int i = 1; i < pairs.length; i += 2) {
            if (!pairs[i].isEmpty()) {
                kept++;
            }
        }
        String[] names = new String[kept];
        String[] values = new String[kept];
        int at = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0 && pairs[i - 2].compareTo(pairs[i]) >= 0) {
                throw new IllegalArgumentException("label names out of order: " + pairs[i - 2] + ", " + pairs[i]);
            }
            if (!pairs[i + 1].isEmpty()) {
                names[at] = pairs[i];
                values[at] = pairs[i + 1];
                at++;
            }
        }
        return new DerivedLabels(names, values);
    }

    private DerivedLabels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    String value(int i) {
        return values[i];
    }

    /** The value of {@code name}, or "" when the set has none. */
    String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return "";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DerivedLabels labels && hash == labels.hash && Arrays.equals(names, labels.names)
                && Arrays.equals(values, labels.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append("=\"").append(values[i]).append('"');
        }
        return text.append('}').toString();
    }
}
