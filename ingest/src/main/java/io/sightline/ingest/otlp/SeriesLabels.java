package io.sightline.ingest.otlp;

import java.util.Arrays;

import io.sightline.ingest.prometheus.ByteBuilder;

/**
 * The labels one OTLP data point shares across the series it becomes (its attributes, the
 * resource's {@code job}/{@code instance}, promoted attributes), sorted and encoded once as a
 * {@code LabelBlock}; {@link #writeTo} then splices in the per-series labels ({@code __name__},
 * {@code le}, {@code quantile}) without re-encoding the rest.
 *
 * <p>When several labels end up with one name, the one from the strongest source wins ({@link
 * #PROMOTED} &lt; {@link #ATTRIBUTE} &lt; {@link #TARGET}); attributes of equal strength that
 * sanitise to the same name are joined with {@code ;} in the order of their original keys, as the
 * specification says. Labels with empty values are left out. Not thread-safe; reused per request.
 */
final class SeriesLabels {
    /** A resource attribute promoted to a label: yields to a data point attribute of the same name. */
    static final int PROMOTED = 0;
    static final int ATTRIBUTE = 1;
    /** {@code job}, {@code instance} and scope labels: they identify where the data came from. */
    static final int TARGET = 2;

    private String[] names = new String[16];
    private String[] values = new String[16];
    private String[] originals = new String[16];
    private int[] levels = new int[16];
    private int[] order = new int[16];
    private int count;
    private final ByteBuilder encoded = new ByteBuilder(512);
    private int[] pairStart = new int[17];
    private String[] sortedNames = new String[16];
    private int pairs;

    /** Labels added so far (before clashes are resolved). */
    int size() {
        return count;
    }

    void clear() {
        count = 0;
        pairs = 0;
        encoded.clear();
    }

    /** Copies another set's unsorted labels (the resource's, under a data point's). */
    void addAll(SeriesLabels other) {
        for (int i = 0; i < other.count; i++) {
            add(other.names[i], other.values[i], other.originals[i], other.levels[i]);
        }
    }

    void add(String name, String value, String original, int level) {
        if (value.isEmpty() || name.isEmpty()) {
            return;
        }
        if (count == names.length) {
            int capacity = count * 2;
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            originals = Arrays.copyOf(originals, capacity);
            levels = Arrays.copyOf(levels, capacity);
            order = Arrays.copyOf(order, capacity);
        }
        names[count] = name;
        values[count] = value;
        originals[count] = original;
        levels[count] = level;
        count++;
    }

    /** Sorts, resolves clashes and encodes; call once after the last {@link #add}. */
    void seal() {
        // Insertion sort of indexes: a point has a handful of labels, and this runs once a point.
        for (int i = 0; i < count; i++) {
            int k = i;
            int j = i - 1;
            while (j >= 0 && compare(order[j], k) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
        encoded.clear();
        pairs = 0;
        if (pairStart.length < count + 1) {
            pairStart = new int[count + 1];
            sortedNames = new String[count];
        }
        int i = 0;
        while (i < count) {
            String name = names[order[i]];
            int end = i;
            int strongest = -1;
            while (end < count && names[order[end]].equals(name)) {
                strongest = Math.max(strongest, levels[order[end]]);
                end++;
            }
            String value = null;
            for (int j = i; j < end; j++) {
                int k = order[j];
                if (levels[k] == strongest) {
                    value = value == null ? values[k] : value + ";" + values[k];
                }
            }
            pairStart[pairs] = encoded.size();
            sortedNames[pairs] = name;
            pairs++;
            encoded.writeString(name);
            encoded.writeString(value);
            i = end;
        }
        pairStart[pairs] = encoded.size();
    }

    /** Label order: by name, then (for names that clash) by original key. */
    private int compare(int a, int b) {
        int c = names[a].compareTo(names[b]);
        return c != 0 ? c : originals[a].compareTo(originals[b]);
    }

    /**
     * Writes the block of one series into {@code out}: these labels plus {@code __name__} = {@code
     * metric} and, when {@code extraName} is not null, {@code extraName} = {@code extraValue}; the
     * two replace labels of the same names.
     */
    void writeTo(ByteBuilder out, String metric, String extraName, String extraValue) {
        String firstName = io.sightline.storage.tsdb.Labels.METRIC_NAME;
        String firstValue = metric;
        String secondName = extraName;
        String secondValue = extraValue;
        if (secondName != null && secondName.compareTo(firstName) < 0) {
            firstName = extraName;
            firstValue = extraValue;
            secondName = io.sightline.storage.tsdb.Labels.METRIC_NAME;
            secondValue = metric;
        }
        byte[] bytes = encoded.array();
        int copied = 0;
        boolean firstDone = false;
        boolean secondDone = secondName == null;
        for (int p = 0; p < pairs; p++) {
            String name = sortedNames[p];
            if (!firstDone && firstName.compareTo(name) <= 0) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p];
                out.writeString(firstName);
                out.writeString(firstValue);
                firstDone = true;
            }
            if (firstDone && !secondDone && secondName.compareTo(name) <= 0) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p];
                out.writeString(secondName);
                out.writeString(secondValue);
                secondDone = true;
            }
            if (name.equals(firstName) || name.equals(secondName)) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p + 1];
            }
        }
        out.write(bytes, copied, pairStart[pairs] - copied);
        if (!firstDone) {
            out.writeString(firstName);
            out.writeString(firstValue);
        }
        if (!secondDone) {
            out.writeString(secondName);
            out.writeString(secondValue);
        }
    }
}
