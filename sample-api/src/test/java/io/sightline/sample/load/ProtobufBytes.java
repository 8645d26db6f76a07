package io.sightline.sample.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * A protobuf message written field by field with {@link CodedOutputStream}, for tests that need
 * bodies no encoder of ours would make: a series without a metric name, a packed run, a field of
 * the wrong wire type, an unknown field. Not thread-safe.
 */
final class ProtobufBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    /** A remote_write {@code Label}. */
    static ProtobufBytes label(String name, String value) {
        return new ProtobufBytes().string(1, name).string(2, value);
    }

    /** A remote_write {@code Sample}. */
    static ProtobufBytes sample(double value, long timestampMillis) {
        return new ProtobufBytes().fixed64(1, value).varint(2, timestampMillis);
    }

    /** A remote_write {@code TimeSeries} with these labels ({@code name, value, ...}) and samples. */
    static ProtobufBytes series(String[] labels, ProtobufBytes... samples) {
        ProtobufBytes series = new ProtobufBytes();
        for (int i = 0; i < labels.length; i += 2) {
            series.message(1, label(labels[i], labels[i + 1]));
        }
        for (ProtobufBytes sample : samples) {
            series.message(2, sample);
        }
        return series;
    }

    ProtobufBytes string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    ProtobufBytes bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    ProtobufBytes message(int field, ProtobufBytes message) {
        return bytes(field, message.toByteArray());
    }

    ProtobufBytes fixed64(int field, double value) {
        return write(() -> out.writeDouble(field, value));
    }

    ProtobufBytes varint(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    ProtobufBytes sint64(int field, long value) {
        return write(() -> out.writeSInt64(field, value));
    }

    /** Any tag, e.g. a wire type the field does not have, or an end-group tag. */
    ProtobufBytes tag(int field, int wireType) {
        return write(() -> out.writeTag(field, wireType));
    }

    /** Raw bytes after what is written so far. */
    ProtobufBytes raw(byte... value) {
        return write(() -> out.writeRawBytes(value));
    }

    /** A packed run of zigzag varints (a {@code repeated sint64}). */
    ProtobufBytes packedSint64(int field, long... values) {
        int size = 0;
        for (long v : values) {
            size += CodedOutputStream.computeSInt64SizeNoTag(v);
        }
        int length = size;
        return write(() -> {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(length);
            for (long v : values) {
                out.writeSInt64NoTag(v);
            }
        });
    }

    /** A packed run of doubles (a {@code repeated double}). */
    ProtobufBytes packedDouble(int field, double... values) {
        return write(() -> {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(values.length * Double.BYTES);
            for (double v : values) {
                out.writeDoubleNoTag(v);
            }
        });
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private ProtobufBytes write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
