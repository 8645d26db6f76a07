package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;

/**
 * The binary form of a {@link LogRecord} kept in the index's stored field. The layout is drawn in
 * {@code storage/docs/format/log-record.md}: a version byte, then the fields in declaration order,
 * variable-length integers, UTF-8 strings, and tagged attribute values. Lucene compresses stored
 * fields in blocks, so repeated resource attributes cost little. Version 2 leaves out the record's
 * effective time, which the document's {@code ts} doc value holds (a time is ~6 B a record after
 * DEFLATE, nearly incompressible), and keeps the other time as a difference to it (1 B when equal);
 * readers pass the effective time back in. Version 1 records are still read.
 */
final class LogRecordCodec {
    static final byte VERSION = 2;
    /** Times as two zlongs, the effective time among them. */
    static final byte VERSION_1 = 1;
    /** {@code timeKind} of version 2: the record's time is set (it is the effective time). */
    private static final byte TIME_SET = 0;
    /** {@code timeKind} of version 2: no time, the observed time is the effective time. */
    private static final byte OBSERVED_ONLY = 1;

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte BYTES = 4;
    private static final byte LIST = 5;
    private static final byte MAP = 6;
    private static final byte NULL = 7;

    private LogRecordCodec() {
    }

    static byte[] encode(LogRecord record) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput(256);
        try {
            out.writeByte(VERSION);
            if (record.timestampNanos() != 0) {
                out.writeByte(TIME_SET);
                out.writeZLong(record.observedTimestampNanos() - record.timestampNanos());
            } else {
                out.writeByte(OBSERVED_ONLY);
            }
            out.writeVInt(record.severityNumber());
            writeString(out, record.severityText());
            writeString(out, record.body());
            writeString(out, record.serviceName());
            writeMap(out, record.resource());
            writeString(out, record.scopeName());
            writeString(out, record.scopeVersion());
            writeMap(out, record.attributes());
            writeString(out, record.traceId());
            writeString(out, record.spanId());
            out.writeVInt(record.flags());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    /**
     * The record of a stored {@code rec} field whose document's {@code ts} doc value (the record's
     * effective time) is {@code effectiveTimeNanos}.
     */
    static LogRecord decode(byte[] bytes, int offset, int length, long effectiveTimeNanos) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, offset, length);
        try {
            long time;
            long observed;
            switch (in.readByte()) {
                case VERSION -> {
                    byte kind = in.readByte();
                    if (kind == TIME_SET) {
                        time = effectiveTimeNanos;
                        observed = effectiveTimeNanos + in.readZLong();
                    } else if (kind == OBSERVED_ONLY) {
                        time = 0;
                        observed = effectiveTimeNanos;
                    } else {
                        throw new CorruptLogRecordException("stored log record has unknown time kind " + kind);
                    }
                }
                case VERSION_1 -> {
                    time = in.readZLong();
                    observed = in.readZLong();
                }
                default -> throw unknownVersion(bytes[offset]);
            }
            return new LogRecord(time, observed, in.readVInt(), readString(in), readString(in),
                    readString(in), readMap(in), readString(in), readString(in), readMap(in), readString(in),
                    readString(in), in.readVInt());
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** The body alone, skipping what precedes it (verifying line filters needs no more). */
    static String decodeBody(byte[] bytes, int offset, int length) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, offset, length);
        try {
            switch (in.readByte()) {
                case VERSION -> {
                    if (in.readByte() == TIME_SET) {
                        in.readZLong();
                    }
                }
                case VERSION_1 -> {
                    in.readZLong();
                    in.readZLong();
                }
                default -> throw unknownVersion(bytes[offset]);
            }
            in.readVInt();
            in.skipBytes(in.readVInt()); // severity text
            return readString(in);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private static CorruptLogRecordException unknownVersion(byte version) {
        return new CorruptLogRecordException("stored log record has format version " + version
                + ", this build reads versions " + VERSION_1 + " and " + VERSION);
    }

    private static CorruptLogRecordException corrupt(Exception e) {
        return e instanceof CorruptLogRecordException known ? known
                : new CorruptLogRecordException("stored log record cannot be read: " + e.getMessage());
    }

    /** Length-prefixed UTF-8, through the JDK's intrinsic encoder (Lucene's writeString goes char by char). */
    private static void writeString(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeVInt(bytes.length);
        out.writeBytes(bytes, bytes.length);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readVInt()];
        in.readBytes(bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The attribute map alone, in the same encoding (resource definitions, resource ids). */
    static byte[] encodeAttributes(Map<String, Object> attributes) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput(128);
        try {
            writeMap(out, attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    static Map<String, Object> decodeAttributes(byte[] bytes, int offset, int length) {
        try {
            return readMap(new ByteArrayDataInput(bytes, offset, length));
        } catch (IOException | RuntimeException e) {
            throw new CorruptLogRecordException("stored resource definition cannot be read: " + e.getMessage());
        }
    }

    private static void writeMap(DataOutput out, Map<String, Object> map) throws IOException {
        out.writeVInt(map.size());
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeValue(out, entry.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(DataOutput out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case String s -> {
                out.writeByte(STRING);
                writeString(out, s);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeZLong(l);
            }
            case Integer i -> {
                out.writeByte(LONG);
                out.writeZLong(i);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            }
            case Boolean b -> {
                out.writeByte(BOOLEAN);
                out.writeByte((byte) (b ? 1 : 0));
            }
            case byte[] bytes -> {
                out.writeByte(BYTES);
                out.writeVInt(bytes.length);
                out.writeBytes(bytes, bytes.length);
            }
            case List<?> list -> {
                out.writeByte(LIST);
                out.writeVInt(list.size());
                for (Object element : list) {
                    writeValue(out, element);
                }
            }
            case Map<?, ?> map -> {
                out.writeByte(MAP);
                writeMap(out, (Map<String, Object>) map);
            }
            default -> throw new IllegalArgumentException("unsupported attribute value type " + value.getClass());
        }
    }

    private static Map<String, Object> readMap(DataInput in) throws IOException {
        int size = in.readVInt();
        Map<String, Object> map = LinkedHashMap.newLinkedHashMap(size);
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readValue(in));
        }
        return map;
    }

    private static Object readValue(DataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case STRING -> readString(in);
            case LONG -> in.readZLong();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case BOOLEAN -> in.readByte() != 0;
            case BYTES -> {
                byte[] bytes = new byte[in.readVInt()];
                in.readBytes(bytes, 0, bytes.length);
                yield bytes;
            }
            case LIST -> {
                int size = in.readVInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                yield list;
            }
            case MAP -> readMap(in);
            case NULL -> null;
            default -> throw new CorruptLogRecordException("unknown attribute value tag " + tag);
        };
    }
}
