package io.sightline.ingest.otlp;

import io.sightline.ingest.prometheus.ByteBuilder;

/**
 * A label name or value together with its encoding in a label block (varint byte length, then
 * UTF-8, as {@link ByteBuilder#writeString} writes it), so text that recurs across series (label
 * names, metric names, {@code le} bounds) is encoded once instead of once a series. Immutable.
 */
final class EncodedText {
    static final EncodedText METRIC_NAME = of(io.sightline.storage.tsdb.Labels.METRIC_NAME);
    static final EncodedText LE = of("le");
    static final EncodedText QUANTILE = of("quantile");

    private final String text;
    private final byte[] encoded;

    private EncodedText(String text, byte[] encoded) {
        this.text = text;
        this.encoded = encoded;
    }

    static EncodedText of(String text) {
        ByteBuilder bytes = new ByteBuilder(text.length() + 5);
        bytes.writeString(text);
        return new EncodedText(text, bytes.toByteArray());
    }

    String text() {
        return text;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    void writeTo(ByteBuilder out) {
        out.write(encoded, 0, encoded.length);
    }

    @Override
    public String toString() {
        return text;
    }
}
