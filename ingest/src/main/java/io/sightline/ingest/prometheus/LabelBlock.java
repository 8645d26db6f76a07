package io.sightline.ingest.prometheus;

import java.nio.charset.StandardCharsets;

import io.sightline.storage.tsdb.Labels;

/**
 * A series' label set as bytes, the form receivers, admission and the metrics WAL share: pairs of
 * (varint name length, UTF-8 name, varint value length, UTF-8 value), sorted by name, names
 * unique, no empty values. Equal label sets have equal blocks, so a block is the series' key.
 * Thread-safe (static, stateless).
 */
public final class LabelBlock {
    private LabelBlock() {
    }

    /** The labels the block holds. */
    public static Labels toLabels(byte[] bytes, int offset, int length) {
        Labels.Builder builder = Labels.builder();
        int[] position = {offset};
        int end = offset + length;
        while (position[0] < end) {
            String name = string(bytes, position);
            String value = string(bytes, position);
            builder.set(name, value);
        }
        return builder.build();
    }

    /** The value of {@code __name__}, or "" when the block has none. */
    public static String metricName(byte[] bytes, int offset, int length) {
        int[] position = {offset};
        int end = offset + length;
        while (position[0] < end) {
            int nameLength = varint(bytes, position);
            boolean isName = nameLength == 8 && matches(bytes, position[0], Labels.METRIC_NAME);
            position[0] += nameLength;
            if (isName) {
                return string(bytes, position);
            }
            position[0] += varint(bytes, position);
        }
        return "";
    }

    /**
     * What is wrong with the block under {@code config}'s label limits, or null: too many labels, a
     * name or a value too long (in UTF-8 bytes).
     */
    static String limitProblem(byte[] bytes, int offset, int length, AdmissionConfig config) {
        int[] position = {offset};
        int end = offset + length;
        int count = 0;
        while (position[0] < end) {
            int nameLength = varint(bytes, position);
            int nameStart = position[0];
            position[0] += nameLength;
            int valueLength = varint(bytes, position);
            position[0] += valueLength;
            count++;
            if (nameLength > config.maxLabelNameBytes()) {
                return "label name '" + shorten(new String(bytes, nameStart, nameLength, StandardCharsets.UTF_8))
                        + "' is " + nameLength + " bytes, limit is " + config.maxLabelNameBytes()
                        + " (metrics.max-label-name-bytes)";
            }
            if (valueLength > config.maxLabelValueBytes()) {
                return "value of label '" + new String(bytes, nameStart, nameLength, StandardCharsets.UTF_8) + "' is "
                        + valueLength + " bytes, limit is " + config.maxLabelValueBytes()
                        + " (metrics.max-label-value-bytes)";
            }
        }
        if (count > config.maxLabelsPerSeries()) {
            return count + " labels, limit is " + config.maxLabelsPerSeries() + " (metrics.max-labels-per-series)";
        }
        return null;
    }

    /** The block in Prometheus's text form, cut at 300 characters, for messages. */
    static String describe(byte[] bytes, int offset, int length) {
        String text = toLabels(bytes, offset, length).toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...}";
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static boolean matches(byte[] bytes, int position, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[position + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] bytes, int[] position) {
        int length = varint(bytes, position);
        String value = new String(bytes, position[0], length, StandardCharsets.UTF_8);
        position[0] += length;
        return value;
    }

    static int varint(byte[] bytes, int[] position) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = bytes[position[0]++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in label block");
    }
}
