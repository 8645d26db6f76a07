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
 * specification says. Labels with empty values are left out. Values are kept as UTF-8 bytes, so the
 * wire reader hands over a value's bytes from the request without a {@code String} in between.
 * Not thread-safe; reused per request.
 */
final class SeriesLabels {
    /** A resource attribute promoted to a label: yields to a data point attribute of the same name. */
    static final int PROMOTED = 0;
    static final int ATTRIBUTE = 1;
    /** {@code job}, {@code instance} and scope labels: they identify where the data came from. */
    static final int TARGET = 2;

    private EncodedText[] names = new EncodedText[16];
    private String[] originals = new String[16];
    private int[] levels = new int[16];
    private int[] order = new int[16];
    private int[] valueStart = new int[16];
    private int[] valueEnd = new int[16];
    /** The UTF-8 values of the labels added, back to back. */
    private final ByteBuilder values = new ByteBuilder(256);
    private int count;
    private final ByteBuilder encoded = new ByteBuilder(512);
    private int[] pairStart = new int[17];
    private String[] sortedNames = new String[16];
    private int pairs;
    /** The names, keys and sources {@link #order} was last sorted for (see {@link #sameKeysAsSorted}). */
    private EncodedText[] sortedKeys = new EncodedText[16];
    private String[] sortedOriginals = new String[16];
    private int[] sortedLevels = new int[16];
    private int sortedCount = -1;

    /** Labels added so far (before clashes are resolved). */
    int size() {
        return count;
    }

    void clear() {
        count = 0;
        pairs = 0;
        values.clear();
        encoded.clear();
    }

    /** Copies another set's unsorted labels (the resource's, under a data point's). */
    void addAll(SeriesLabels other) {
        for (int i = 0; i < other.count; i++) {
            add(other.names[i], other.values.array(), other.valueStart[i], other.valueEnd[i] - other.valueStart[i],
                    other.originals[i], other.levels[i]);
        }
    }

    void add(EncodedText name, String value, String original, int level) {
        if (value.isEmpty() || name.isEmpty()) {
            return;
        }
        int start = values.size();
        values.writeUtf8(value);
        slot(name, original, level, start);
    }

    /** A label whose value is {@code length} bytes of UTF-8 at {@code offset}. */
    void add(EncodedText name, byte[] utf8, int offset, int length, String original, int level) {
        if (length == 0 || name.isEmpty()) {
            return;
        }
        int start = values.size();
        values.write(utf8, offset, length);
        slot(name, original, level, start);
    }

    private void slot(EncodedText name, String original, int level, int start) {
        if (count == names.length) {
            int capacity = count * 2;
            names = Arrays.copyOf(names, capacity);
            originals = Arrays.copyOf(originals, capacity);
            levels = Arrays.copyOf(levels, capacity);
            order = Arrays.copyOf(order, capacity);
            valueStart = Arrays.copyOf(valueStart, capacity);
            valueEnd = Arrays.copyOf(valueEnd, capacity);
        }
        names[count] = name;
        originals[count] = original;
        levels[count] = level;
        valueStart[count] = start;
        valueEnd[count] = values.size();
        count++;
    }

    /** Sorts, resolves clashes and encodes; call once after the last {@link #add}. */
    void seal() {
        if (!sameKeysAsSorted()) {
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
            sortedCount = count;
            if (sortedKeys.length < count) {
                sortedKeys = new EncodedText[names.length];
                sortedOriginals = new String[names.length];
                sortedLevels = new int[names.length];
            }
            System.arraycopy(names, 0, sortedKeys, 0, count);
            System.arraycopy(originals, 0, sortedOriginals, 0, count);
            System.arraycopy(levels, 0, sortedLevels, 0, count);
        }
        encoded.clear();
        pairs = 0;
        if (pairStart.length < count + 1) {
            pairStart = new int[count + 1];
            sortedNames = new String[count];
        }
        byte[] bytes = values.array();
        int i = 0;
        while (i < count) {
            EncodedText name = names[order[i]];
            int end = i;
            int strongest = -1;
            int length = -1;
            while (end < count && names[order[end]].text().equals(name.text())) {
                int k = order[end];
                if (levels[k] > strongest) {
                    strongest = levels[k];
                    length = valueEnd[k] - valueStart[k];
                } else if (levels[k] == strongest) {
                    length += 1 + valueEnd[k] - valueStart[k]; // joined with ';'
                }
                end++;
            }
            pairStart[pairs] = encoded.size();
            sortedNames[pairs] = name.text();
            pairs++;
            name.writeTo(encoded);
            encoded.writeVarint(length);
            boolean first = true;
            for (int j = i; j < end; j++) {
                int k = order[j];
                if (levels[k] == strongest) {
                    if (!first) {
                        encoded.writeByte(';');
                    }
                    encoded.write(bytes, valueStart[k], valueEnd[k] - valueStart[k]);
                    first = false;
                }
            }
            i = end;
        }
        pairStart[pairs] = encoded.size();
    }

    /**
     * Whether the labels were added with the same names, keys and sources in the same order as
     * when {@link #order} was last sorted: the points of a metric usually are, so their sort is reused.
     */
    private boolean sameKeysAsSorted() {
        if (count != sortedCount) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (names[i] != sortedKeys[i] || levels[i] != sortedLevels[i]
                    || originals[i] != sortedOriginals[i] && !originals[i].equals(sortedOriginals[i])) {
                return false;
            }
        }
        return true;
    }

    /** Label order: by name, then (for names that clash) by original key. */
    private int compare(int a, int b) {
        int c = names[a].text().compareTo(names[b].text());
        return c != 0 ? c : originals[a].compareTo(originals[b]);
    }

    /**
     * Writes the block of one series into {@code out}: these labels plus {@code __name__} = {@code
     * metric} and, when {@code extraName} is not null, {@code extraName} = {@code extraValue}; the
     * two replace labels of the same names.
     */
    void writeTo(ByteBuilder out, EncodedText metric, EncodedText extraName, EncodedText extraValue) {
        EncodedText firstName = EncodedText.METRIC_NAME;
        EncodedText firstValue = metric;
        EncodedText secondName = extraName;
        EncodedText secondValue = extraValue;
        if (secondName != null && secondName.text().compareTo(firstName.text()) < 0) {
            firstName = extraName;
            firstValue = extraValue;
            secondName = EncodedText.METRIC_NAME;
            secondValue = metric;
        }
        byte[] bytes = encoded.array();
        int copied = 0;
        boolean firstDone = false;
        boolean secondDone = secondName == null;
        for (int p = 0; p < pairs; p++) {
            String name = sortedNames[p];
            if (!firstDone && firstName.text().compareTo(name) <= 0) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p];
                firstName.writeTo(out);
                firstValue.writeTo(out);
                firstDone = true;
            }
            if (firstDone && !secondDone && secondName.text().compareTo(name) <= 0) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p];
                secondName.writeTo(out);
                secondValue.writeTo(out);
                secondDone = true;
            }
            if (name.equals(firstName.text()) || secondName != null && name.equals(secondName.text())) {
                out.write(bytes, copied, pairStart[p] - copied);
                copied = pairStart[p + 1];
            }
        }
        out.write(bytes, copied, pairStart[pairs] - copied);
        if (!firstDone) {
            firstName.writeTo(out);
            firstValue.writeTo(out);
        }
        if (!secondDone) {
            secondName.writeTo(out);
            secondValue.writeTo(out);
        }
    }
}
