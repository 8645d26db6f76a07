package io.sightline.ingest.prometheus;

import java.nio.charset.StandardCharsets;

import io.sightline.ingest.WireReader;
import io.sightline.ingest.WireReader.Malformed;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Decodes a Prometheus remote_write 1.0 {@code WriteRequest} (prompb/remote.proto, types.proto)
 * straight from its protobuf bytes into a {@link SampleBatch}, without message objects: each
 * series' labels are copied into a {@link LabelBlock} as they are checked, samples and exemplars
 * go into the batch's primitive arrays. Fields read:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3;
 *                repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * Exemplar     { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 * Unknown fields are skipped. A series whose labels are invalid (unsorted or duplicate names, a
 * name outside {@code [a-zA-Z_][a-zA-Z0-9_]*}, no or an invalid metric name) is left out and its
 * samples rejected ({@code invalid_labels}), as Prometheus does; native histograms are rejected
 * ({@code unsupported}). Labels with empty values are dropped (Prometheus: empty is absent).
 * Not thread-safe; one per thread.
 */
public final class RemoteWriteDecoder {
    private static final String[] METRIC_TYPES = {"unknown", "counter", "gauge", "histogram", "gaugehistogram",
            "summary", "info", "stateset"};
    private static final byte[] METRIC_NAME = Labels.METRIC_NAME.getBytes(StandardCharsets.US_ASCII);

    /** The label in hand, series' or exemplar's; reused so that decoding allocates nothing per label. */
    private final LabelField label = new LabelField();

    /**
     * Decodes {@code body[0, length)} into {@code out} (cleared first).
     *
     * @throws MalformedRequestException when the bytes are not a well-formed WriteRequest
     */
    public void decode(byte[] body, int length, SampleBatch out, SampleRejections rejections) {
        out.clear();
        WireReader in = new WireReader(body, 0, length);
        int series = 0;
        try {
            while (in.before(length)) {
                int tag = in.tag();
                switch (tag >>> 3) {
                    case 1 -> {
                        int end = in.lengthDelimited(tag);
                        timeSeries(in, end, series++, out, rejections);
                    }
                    case 3 -> {
                        int end = in.lengthDelimited(tag);
                        metadata(in, end, out);
                    }
                    default -> in.skip(tag);
                }
            }
        } catch (Malformed e) {
            throw new MalformedRequestException("invalid protobuf WriteRequest: malformed or truncated near byte "
                    + in.position() + " of " + length);
        }
    }

    private void timeSeries(WireReader in, int end, int index, SampleBatch out, SampleRejections rejections) {
        int start = in.position();
        out.beginSeries(index);
        String invalid = labels(in, end, out);
        // Second pass: samples, exemplars and histograms, wherever they sit among the labels.
        in.seek(start);
        int samples = 0;
        int histograms = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 2 -> {
                    int sampleEnd = in.lengthDelimited(tag);
                    double value = 0;
                    long timestamp = 0;
                    while (in.before(sampleEnd)) {
                        int field = in.tag();
                        switch (field >>> 3) {
                            case 1 -> value = in.doubleValue(field);
                            case 2 -> timestamp = in.varint(field);
                            default -> in.skip(field);
                        }
                    }
                    in.atEnd(sampleEnd);
                    samples++;
                    if (invalid == null) {
                        out.sample(timestamp, value);
                    }
                }
                case 3 -> {
                    int exemplarEnd = in.lengthDelimited(tag);
                    if (invalid == null) {
                        exemplar(in, exemplarEnd, out);
                    } else {
                        in.seek(exemplarEnd);
                    }
                }
                case 4 -> {
                    in.seek(in.lengthDelimited(tag));
                    histograms++;
                }
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        if (invalid != null) {
            out.dropSeries();
            rejections.reject(index, SampleRejections.INVALID_LABELS, Math.max(1, samples + histograms),
                    rejections.wantsMessage() ? "series " + index + ": " + invalid : null);
        } else if (histograms > 0) {
            rejections.reject(index, SampleRejections.UNSUPPORTED, histograms, rejections.wantsMessage()
                    ? "series " + LabelBlock.describe(out.labelArray(), out.labelStart(out.seriesCount() - 1),
                    out.labelEnd(out.seriesCount() - 1) - out.labelStart(out.seriesCount() - 1))
                    + ": native histograms are not supported, send classic histograms" : null);
        }
    }

    /** Copies the labels into the current series' block; returns what is wrong with them, or null. */
    private String labels(WireReader in, int end, SampleBatch out) {
        ByteBuilder block = out.labelBytes();
        byte[] bytes = in.array();
        int previousName = -1;
        int previousLength = 0;
        boolean hasName = false;
        String invalid = null;
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 != 1) {
                in.skip(tag);
                continue;
            }
            label.read(in, in.lengthDelimited(tag));
            if (invalid != null) {
                continue;
            }
            int nameStart = label.nameStart;
            int nameLength = label.nameLength;
            int valueStart = label.valueStart;
            int valueLength = label.valueLength;
            if (nameLength == 0 || !PrometheusNames.isValidLabelName(bytes, nameStart, nameLength)) {
                invalid = "invalid label name '" + text(bytes, nameStart, nameLength) + "'";
                continue;
            }
            if (previousName >= 0) {
                int order = java.util.Arrays.compare(bytes, previousName, previousName + previousLength, bytes,
                        nameStart, nameStart + nameLength);
                if (order == 0) {
                    invalid = "duplicate label name '" + text(bytes, nameStart, nameLength) + "'";
                    continue;
                }
                if (order > 0) {
                    invalid = "labels not sorted by name: '" + text(bytes, nameStart, nameLength) + "' after '"
                            + text(bytes, previousName, previousLength) + "'";
                    continue;
                }
            }
            previousName = nameStart;
            previousLength = nameLength;
            boolean isMetricName = java.util.Arrays.equals(bytes, nameStart, nameStart + nameLength, METRIC_NAME, 0,
                    METRIC_NAME.length);
            if (isMetricName) {
                hasName = valueLength > 0;
                if (hasName && !PrometheusNames.isValidMetricName(bytes, valueStart, valueLength)) {
                    invalid = "invalid metric name '" + text(bytes, valueStart, valueLength) + "'";
                    continue;
                }
            }
            if (valueLength > 0) {
                label.appendTo(block, bytes);
            }
        }
        if (invalid == null && !hasName) {
            invalid = "no metric name (label __name__)";
        }
        return invalid;
    }

    private void exemplar(WireReader in, int end, SampleBatch out) {
        out.beginExemplar();
        ByteBuilder block = out.exemplarLabelBytes();
        double value = 0;
        long timestamp = 0;
        byte[] bytes = in.array();
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    label.read(in, in.lengthDelimited(tag));
                    if (label.nameLength > 0 && label.valueLength > 0) {
                        label.appendTo(block, bytes);
                    }
                }
                case 2 -> value = in.doubleValue(tag);
                case 3 -> timestamp = in.varint(tag);
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        out.endExemplar(value, timestamp);
    }

    private static void metadata(WireReader in, int end, SampleBatch out) {
        int type = 0;
        String name = "";
        String help = "";
        String unit = "";
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> type = (int) in.varint(tag);
                case 2 -> name = string(in, tag);
                case 4 -> help = string(in, tag);
                case 5 -> unit = string(in, tag);
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        if (!name.isEmpty()) {
            out.metadata(new MetricMetadata(name, type >= 0 && type < METRIC_TYPES.length ? METRIC_TYPES[type]
                    : "unknown", help, unit));
        }
    }

    private static String string(WireReader in, int tag) {
        int length = in.skipString(tag);
        return text(in.array(), in.position() - length, length);
    }

    private static String text(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /**
     * One {@code Label { string name = 1; string value = 2; }} as offsets into the request bytes.
     * A missing or empty name or value has length 0. Not thread-safe, like the decoder.
     */
    private static final class LabelField {
        int nameStart;
        int nameLength;
        int valueStart;
        int valueLength;

        /** Reads the Label message that ends at {@code end}, leaving {@code in} there. */
        void read(WireReader in, int end) {
            nameStart = 0;
            nameLength = 0;
            valueStart = 0;
            valueLength = 0;
            while (in.before(end)) {
                int field = in.tag();
                switch (field >>> 3) {
                    case 1 -> {
                        nameLength = in.skipString(field);
                        nameStart = in.position() - nameLength;
                    }
                    case 2 -> {
                        valueLength = in.skipString(field);
                        valueStart = in.position() - valueLength;
                    }
                    default -> in.skip(field);
                }
            }
            in.atEnd(end);
        }

        /** Appends the label to a {@link LabelBlock}: name and value, each varint-length-prefixed. */
        void appendTo(ByteBuilder block, byte[] bytes) {
            block.writeVarint(nameLength);
            block.write(bytes, nameStart, nameLength);
            block.writeVarint(valueLength);
            block.write(bytes, valueStart, valueLength);
        }
    }
}
