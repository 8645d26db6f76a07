package io.sightline.sample.load;

import java.io.IOException;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;

/**
 * Decodes an uncompressed Prometheus remote_write 1.0 {@code prometheus.WriteRequest} in full and
 * counts its items: float samples and native histogram samples. Hand-walked with protobuf's
 * {@link CodedInputStream}, as this module has no classes generated from Prometheus's protos:
 * <pre>
 * WriteRequest   { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries     { repeated Label labels = 1; repeated Sample samples = 2;
 *                  repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label          { string name = 1; string value = 2; }
 * Sample         { double value = 1; int64 timestamp = 2; }
 * Exemplar       { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
 * Histogram      { uint64 count_int = 1; double count_float = 2; double sum = 3; sint32 schema = 4;
 *                  double zero_threshold = 5; uint64 zero_count_int = 6; double zero_count_float = 7;
 *                  repeated BucketSpan negative_spans = 8; repeated sint64 negative_deltas = 9;
 *                  repeated double negative_counts = 10; repeated BucketSpan positive_spans = 11;
 *                  repeated sint64 positive_deltas = 12; repeated double positive_counts = 13;
 *                  ResetHint reset_hint = 14; int64 timestamp = 15; repeated double custom_values = 16; }
 * BucketSpan     { sint32 offset = 1; uint32 length = 2; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 * (prompb/remote.proto and types.proto). Every one of these fields is read with its wire type
 * checked; repeated numbers are taken packed or not, as protobuf parsers must; strings are checked
 * to be UTF-8 where they lie in the body, without being copied; fields not listed are skipped, as a
 * protobuf parser keeps unknown fields aside. A series must have labels as Prometheus asks
 * ({@link SeriesLabels}). Whatever is wrong stops the walk with an {@link InvalidWriteRequest}
 * naming it: the sender's request is answered 400, nothing of it counted.
 *
 * <p>Not thread-safe: the series label scratch is reused; one instance per request (it is small) or
 * per thread.
 */
final class RemoteWriteCounter {
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /** Why a body is not a valid WriteRequest, for the text of the 400 answer. */
    static final class InvalidWriteRequest extends Exception {
        InvalidWriteRequest(String reason) {
            super(reason, null, false, false);
        }
    }

    private final SeriesLabels seriesLabels = new SeriesLabels();
    /** The body being walked: string fields are checked and series labels kept as ranges of it. */
    private byte[] body;

    /**
     * Walks {@code body[0, length)} and counts its samples and histogram samples.
     *
     * @throws InvalidWriteRequest when it is not a valid WriteRequest, or a series' labels are invalid
     */
    long count(byte[] body, int length) throws InvalidWriteRequest {
        this.body = body;
        CodedInputStream in = CodedInputStream.newInstance(body, 0, length);
        long items = 0;
        int series = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        int outer = enter(in, tag, "WriteRequest.timeseries");
                        items += timeSeries(in, series++);
                        in.popLimit(outer);
                    }
                    case 3 -> {
                        int outer = enter(in, tag, "WriteRequest.metadata");
                        metadata(in);
                        in.popLimit(outer);
                    }
                    default -> skip(in, tag);
                }
            }
        } catch (IOException e) { // over an array, only InvalidProtocolBufferException: truncated, bad varint...
            throw new InvalidWriteRequest("invalid protobuf WriteRequest near byte " + in.getTotalBytesRead() + " of "
                    + length + ": " + e.getMessage());
        } finally {
            this.body = null;
        }
        return items;
    }

    /** One TimeSeries, its limit pushed: its samples and histograms, once its labels are valid. */
    private long timeSeries(CodedInputStream in, int index) throws IOException, InvalidWriteRequest {
        seriesLabels.clear();
        long items = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int outer;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    outer = enter(in, tag, "TimeSeries.labels");
                    label(in, true);
                }
                case 2 -> {
                    outer = enter(in, tag, "TimeSeries.samples");
                    sample(in);
                    items++;
                }
                case 3 -> {
                    outer = enter(in, tag, "TimeSeries.exemplars");
                    exemplar(in);
                }
                case 4 -> {
                    outer = enter(in, tag, "TimeSeries.histograms");
                    histogram(in);
                    items++;
                }
                default -> {
                    skip(in, tag);
                    continue;
                }
            }
            in.popLimit(outer);
        }
        String problem = seriesLabels.problem(body);
        if (problem != null) {
            throw new InvalidWriteRequest("series " + index + " of the request " + problem);
        }
        return items;
    }

    /** One Label; a series' is kept in {@link #seriesLabels}, an exemplar's only checked. */
    private void label(CodedInputStream in, boolean ofSeries) throws IOException, InvalidWriteRequest {
        int nameStart = 0;
        int nameLength = 0;
        int valueStart = 0;
        int valueLength = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    nameStart = string(in, tag, "Label.name");
                    nameLength = in.getTotalBytesRead() - nameStart;
                }
                case 2 -> {
                    valueStart = string(in, tag, "Label.value");
                    valueLength = in.getTotalBytesRead() - valueStart;
                }
                default -> skip(in, tag);
            }
        }
        if (ofSeries) {
            seriesLabels.add(nameStart, nameLength, valueStart, valueLength);
        }
    }

    private static void sample(CodedInputStream in) throws IOException, InvalidWriteRequest {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> fixed64(in, tag, "Sample.value");
                case 2 -> varint(in, tag, "Sample.timestamp");
                default -> skip(in, tag);
            }
        }
    }

    private void exemplar(CodedInputStream in) throws IOException, InvalidWriteRequest {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    int outer = enter(in, tag, "Exemplar.labels");
                    label(in, false);
                    in.popLimit(outer);
                }
                case 2 -> fixed64(in, tag, "Exemplar.value");
                case 3 -> varint(in, tag, "Exemplar.timestamp");
                default -> skip(in, tag);
            }
        }
    }

    private static void histogram(CodedInputStream in) throws IOException, InvalidWriteRequest {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> varint(in, tag, "Histogram.count_int");
                case 2 -> fixed64(in, tag, "Histogram.count_float");
                case 3 -> fixed64(in, tag, "Histogram.sum");
                case 4 -> varint(in, tag, "Histogram.schema");
                case 5 -> fixed64(in, tag, "Histogram.zero_threshold");
                case 6 -> varint(in, tag, "Histogram.zero_count_int");
                case 7 -> fixed64(in, tag, "Histogram.zero_count_float");
                case 8 -> bucketSpan(in, tag, "Histogram.negative_spans");
                case 9 -> repeatedVarint(in, tag, "Histogram.negative_deltas");
                case 10 -> repeatedFixed64(in, tag, "Histogram.negative_counts");
                case 11 -> bucketSpan(in, tag, "Histogram.positive_spans");
                case 12 -> repeatedVarint(in, tag, "Histogram.positive_deltas");
                case 13 -> repeatedFixed64(in, tag, "Histogram.positive_counts");
                case 14 -> varint(in, tag, "Histogram.reset_hint");
                case 15 -> varint(in, tag, "Histogram.timestamp");
                case 16 -> repeatedFixed64(in, tag, "Histogram.custom_values");
                default -> skip(in, tag);
            }
        }
    }

    private static void bucketSpan(CodedInputStream in, int spanTag, String field)
            throws IOException, InvalidWriteRequest {
        int outer = enter(in, spanTag, field);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> varint(in, tag, "BucketSpan.offset");
                case 2 -> varint(in, tag, "BucketSpan.length");
                default -> skip(in, tag);
            }
        }
        in.popLimit(outer);
    }

    private void metadata(CodedInputStream in) throws IOException, InvalidWriteRequest {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> varint(in, tag, "MetricMetadata.type");
                case 2 -> string(in, tag, "MetricMetadata.metric_family_name");
                case 4 -> string(in, tag, "MetricMetadata.help");
                case 5 -> string(in, tag, "MetricMetadata.unit");
                default -> skip(in, tag);
            }
        }
    }

    /** Enters an embedded message: checks the wire type, pushes its length; returns the limit to pop. */
    private static int enter(CodedInputStream in, int tag, String field) throws IOException, InvalidWriteRequest {
        wireType(tag, LENGTH_DELIMITED, field);
        return in.pushLimit(in.readRawVarint32());
    }

    /** Reads a string in place, checking it is UTF-8; returns its start, the position after it its end. */
    private int string(CodedInputStream in, int tag, String field) throws IOException, InvalidWriteRequest {
        wireType(tag, LENGTH_DELIMITED, field);
        int length = in.readRawVarint32();
        int start = in.getTotalBytesRead();
        in.skipRawBytes(length); // checks the length: not negative, not past the enclosing message
        if (!UnsafeByteOperations.unsafeWrap(body, start, length).isValidUtf8()) {
            throw new InvalidWriteRequest(field + " at byte " + start + " is not valid UTF-8");
        }
        return start;
    }

    private static void varint(CodedInputStream in, int tag, String field) throws IOException, InvalidWriteRequest {
        wireType(tag, VARINT, field);
        in.readRawVarint64();
    }

    private static void fixed64(CodedInputStream in, int tag, String field) throws IOException, InvalidWriteRequest {
        wireType(tag, FIXED64, field);
        in.readDouble();
    }

    /** A repeated varint field's element, or its packed run. */
    private static void repeatedVarint(CodedInputStream in, int tag, String field)
            throws IOException, InvalidWriteRequest {
        if (WireFormat.getTagWireType(tag) == VARINT) {
            in.readRawVarint64();
            return;
        }
        int outer = enter(in, tag, field);
        while (in.getBytesUntilLimit() > 0) {
            in.readRawVarint64();
        }
        in.popLimit(outer);
    }

    /** A repeated double field's element, or its packed run (8 bytes each). */
    private static void repeatedFixed64(CodedInputStream in, int tag, String field)
            throws IOException, InvalidWriteRequest {
        if (WireFormat.getTagWireType(tag) == FIXED64) {
            in.readDouble();
            return;
        }
        int outer = enter(in, tag, field);
        if (in.getBytesUntilLimit() % Double.BYTES != 0) {
            throw new InvalidWriteRequest("packed " + field + " is " + in.getBytesUntilLimit()
                    + " bytes long, not a multiple of 8");
        }
        while (in.getBytesUntilLimit() > 0) {
            in.readDouble();
        }
        in.popLimit(outer);
    }

    /**
     * Skips a field not listed, a whole group included. An end-group tag with no group open is
     * malformed: protobuf 4 throws on it itself; the check stands for a version that answers false.
     */
    private static void skip(CodedInputStream in, int tag) throws IOException, InvalidWriteRequest {
        if (!in.skipField(tag)) {
            throw new InvalidWriteRequest("an end-group tag of field " + WireFormat.getTagFieldNumber(tag)
                    + " with no group open");
        }
    }

    private static void wireType(int tag, int expected, String field) throws InvalidWriteRequest {
        int actual = WireFormat.getTagWireType(tag);
        if (actual != expected) {
            throw new InvalidWriteRequest(field + " has wire type " + actual + ", not " + expected);
        }
    }
}
