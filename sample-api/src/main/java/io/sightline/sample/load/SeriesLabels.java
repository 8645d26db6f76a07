package io.sightline.sample.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The labels of the remote_write series being walked, kept as byte ranges of the request body
 * (nothing is copied), and the checks Prometheus makes of a series' label set before it takes any
 * of its samples: at least one label, a {@code __name__} label with a non-empty value, no empty
 * label name, no label name twice. (Prometheus drops a series that fails them; the sink refuses
 * the request, see {@link RemoteWriteSinkHandler}.) Names are compared as bytes, which for UTF-8 is code point
 * order, the order the remote_write spec asks labels to be sent in; labels out of that order are
 * taken, as Prometheus takes them (it sorts), and only then searched for duplicates by sorting.
 * UTF-8 is checked as each label is read ({@link RemoteWriteCounter}), not here.
 *
 * <p>Not thread-safe: one instance is cleared and refilled series after series.
 */
final class SeriesLabels {
    private static final byte[] METRIC_NAME = "__name__".getBytes(StandardCharsets.US_ASCII);
    /** Ints per label: name start, name length, value start, value length. */
    private static final int STRIDE = 4;
    /** Labels of a series shown in an error message; a longer set is cut with "...". */
    private static final int LABELS_SHOWN = 20;
    /** Bytes of a name or value shown in an error message; a longer one is cut with "...". */
    private static final int BYTES_SHOWN = 100;

    private int[] ranges = new int[STRIDE * 16];
    private int count;

    void clear() {
        count = 0;
    }

    /** Adds a label whose name is {@code body[nameStart, +nameLength)} and value likewise. */
    void add(int nameStart, int nameLength, int valueStart, int valueLength) {
        if ((count + 1) * STRIDE > ranges.length) {
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        int at = count * STRIDE;
        ranges[at] = nameStart;
        ranges[at + 1] = nameLength;
        ranges[at + 2] = valueStart;
        ranges[at + 3] = valueLength;
        count++;
    }

    /**
     * What makes these labels no valid series, or null when nothing does.
     *
     * @param body the bytes the ranges point into
     */
    String problem(byte[] body) {
        if (count == 0) {
            return "has no labels";
        }
        boolean named = false;
        boolean ascending = true;
        for (int i = 0; i < count; i++) {
            if (nameLength(i) == 0) {
                return "has a label with an empty name: " + text(body);
            }
            if (Arrays.equals(body, nameStart(i), nameStart(i) + nameLength(i), METRIC_NAME, 0, METRIC_NAME.length)) {
                if (ranges[i * STRIDE + 3] == 0) {
                    return "has an empty metric name (__name__): " + text(body);
                }
                named = true;
            }
            if (i > 0 && compareNames(body, i - 1, i) >= 0) {
                ascending = false;
            }
        }
        if (!named) {
            return "has no metric name (__name__ label): " + text(body);
        }
        if (!ascending) {
            Integer[] order = new Integer[count];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> compareNames(body, a, b));
            for (int i = 1; i < count; i++) {
                if (compareNames(body, order[i - 1], order[i]) == 0) {
                    return "has the label name " + shown(body, nameStart(order[i]), nameLength(order[i]))
                            + " twice: " + text(body);
                }
            }
        }
        return null;
    }

    private int nameStart(int label) {
        return ranges[label * STRIDE];
    }

    private int nameLength(int label) {
        return ranges[label * STRIDE + 1];
    }

    private int compareNames(byte[] body, int a, int b) {
        return Arrays.compareUnsigned(body, nameStart(a), nameStart(a) + nameLength(a),
                body, nameStart(b), nameStart(b) + nameLength(b));
    }

    /** {@code {name="value", ...}} in wire order, for an error message. */
    private String text(byte[] body) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < Math.min(count, LABELS_SHOWN); i++) {
            int at = i * STRIDE;
            text.append(i == 0 ? "" : ", ").append(shown(body, ranges[at], ranges[at + 1])).append('=')
                    .append('"').append(shown(body, ranges[at + 2], ranges[at + 3])).append('"');
        }
        return text.append(count > LABELS_SHOWN ? ", ...}" : "}").toString();
    }

    /** The string, cut after {@value #BYTES_SHOWN} bytes (a character cut in two shows as U+FFFD). */
    private static String shown(byte[] body, int start, int length) {
        return length <= BYTES_SHOWN ? string(body, start, length) : string(body, start, BYTES_SHOWN) + "...";
    }

    private static String string(byte[] body, int start, int length) {
        return new String(body, start, length, StandardCharsets.UTF_8);
    }
}
