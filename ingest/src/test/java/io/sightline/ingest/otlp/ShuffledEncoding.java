package io.sightline.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;

/**
 * Encodes a message as protobuf-java would parse back to the same message, but with its fields in
 * a random order and each repeated scalar field packed or not at random: wire shapes a real sender
 * may produce and {@code toByteArray()} never does. Unknown fields are written too.
 */
final class ShuffledEncoding {
    private ShuffledEncoding() {
    }

    static byte[] encode(Message message, SplittableRandom random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            write(message, out, random);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Message message, CodedOutputStream out, SplittableRandom random) throws IOException {
        List<Runnable> parts = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            List<?> values = field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
            boolean packed = field.isRepeated() && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                    && field.getJavaType() != FieldDescriptor.JavaType.STRING
                    && field.getJavaType() != FieldDescriptor.JavaType.BYTE_STRING && random.nextBoolean();
            if (packed) {
                parts.add(() -> run(failures, () -> packed(field, values, out)));
            } else {
                // Elements of one repeated field keep their order; only fields move.
                List<Object> copy = new ArrayList<>(values);
                parts.add(() -> run(failures, () -> {
                    for (Object value : copy) {
                        single(field, value, out, random);
                    }
                }));
            }
        }
        UnknownFieldSet unknown = message.getUnknownFields();
        if (!unknown.asMap().isEmpty()) {
            parts.add(() -> run(failures, () -> unknown.writeTo(out)));
        }
        for (int i = parts.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Runnable swap = parts.get(i);
            parts.set(i, parts.get(j));
            parts.set(j, swap);
        }
        for (Runnable part : parts) {
            part.run();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static void single(FieldDescriptor field, Object value, CodedOutputStream out, SplittableRandom random)
            throws IOException {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            byte[] nested = encode((Message) value, random);
            out.writeTag(field.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(nested.length);
            out.writeRawBytes(nested);
            return;
        }
        out.writeTag(field.getNumber(), field.getLiteType().getWireType());
        noTag(field, value, out);
    }

    private static void packed(FieldDescriptor field, List<?> values, CodedOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream inner = CodedOutputStream.newInstance(bytes);
        for (Object value : values) {
            noTag(field, value, inner);
        }
        inner.flush();
        out.writeTag(field.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(bytes.size());
        out.writeRawBytes(bytes.toByteArray());
    }

    private static void noTag(FieldDescriptor field, Object value, CodedOutputStream out) throws IOException {
        switch (field.getType()) {
            case DOUBLE -> out.writeDoubleNoTag((Double) value);
            case FIXED64 -> out.writeFixed64NoTag((Long) value);
            case SFIXED64 -> out.writeSFixed64NoTag((Long) value);
            case UINT64 -> out.writeUInt64NoTag((Long) value);
            case INT64 -> out.writeInt64NoTag((Long) value);
            case UINT32 -> out.writeUInt32NoTag((Integer) value);
            case INT32 -> out.writeInt32NoTag((Integer) value);
            case SINT32 -> out.writeSInt32NoTag((Integer) value);
            case BOOL -> out.writeBoolNoTag((Boolean) value);
            case ENUM -> out.writeEnumNoTag(((com.google.protobuf.Descriptors.EnumValueDescriptor) value).getNumber());
            case STRING -> out.writeStringNoTag((String) value);
            case BYTES -> out.writeBytesNoTag((ByteString) value);
            default -> throw new IllegalArgumentException("no test encoding for " + field.getType());
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void run(List<IOException> failures, Io io) {
        try {
            io.run();
        } catch (IOException e) {
            failures.add(e);
        }
    }
}
