package io.sightline.storage.traces;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Attribute maps in the stored spans and resource definitions: a count, then key and tagged value
 * pairs in the order sent (drawn in {@code storage/docs/format/trace-span.md}). Integers of any Java
 * width come back as {@link Long}, as OTLP has only 64-bit integers.
 */
final class AttributeCodec {
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte BYTES = 4;
    private static final byte LIST = 5;
    private static final byte MAP = 6;
    private static final byte NULL = 7;

    private AttributeCodec() {
    }

    /** Writes a map with every string in full (resource definitions, resource ids). */
    static void write(SpanBytes out, Map<String, Object> attributes) {
        write(out, attributes, null);
    }

    /** Writes a map; keys and string values through the part's table when {@code strings} is not null. */
    static void write(SpanBytes out, Map<String, Object> attributes, PartStrings strings) {
        out.writeVIntUnchecked(attributes.size());
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            text(out, entry.getKey(), strings);
            writeValue(out, entry.getValue(), strings);
        }
    }

    static Map<String, Object> read(SpanInput in) throws IOException {
        return read(in, null);
    }

    static Map<String, Object> read(SpanInput in, PartStrings.Reader strings) throws IOException {
        int size = in.readVInt();
        if (size == 0) {
            return Map.of();
        }
        Map<String, Object> map = LinkedHashMap.newLinkedHashMap(size);
        for (int i = 0; i < size; i++) {
            map.put(text(in, strings), readValue(in, strings));
        }
        return map;
    }

    private static void text(SpanBytes out, String text, PartStrings strings) {
        if (strings == null) {
            out.writeText(text);
        } else {
            strings.write(out, text);
        }
    }

    private static String text(SpanInput in, PartStrings.Reader strings) {
        return strings == null ? in.readText() : strings.read(in);
    }

    static String readText(SpanInput in) {
        return in.readText();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(SpanBytes out, Object value, PartStrings strings) {
        switch (value) {
            case null -> out.writeByte(NULL);
            case String s -> {
                out.writeByte(STRING);
                text(out, s, strings);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeZLongUnchecked(l);
            }
            case Integer i -> {
                out.writeByte(LONG);
                out.writeZLongUnchecked(i);
            }
            case Short s -> {
                out.writeByte(LONG);
                out.writeZLongUnchecked(s);
            }
            case Byte b -> {
                out.writeByte(LONG);
                out.writeZLongUnchecked(b);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeLongUnchecked(Double.doubleToRawLongBits(d));
            }
            case Float f -> {
                out.writeByte(DOUBLE);
                out.writeLongUnchecked(Double.doubleToRawLongBits(f));
            }
            case Boolean b -> {
                out.writeByte(BOOLEAN);
                out.writeByte((byte) (b ? 1 : 0));
            }
            case byte[] bytes -> {
                out.writeByte(BYTES);
                out.writeVIntUnchecked(bytes.length);
                out.writeBytes(bytes, 0, bytes.length);
            }
            case List<?> list -> {
                out.writeByte(LIST);
                out.writeVIntUnchecked(list.size());
                for (Object element : list) {
                    writeValue(out, element, strings);
                }
            }
            case Map<?, ?> map -> {
                out.writeByte(MAP);
                write(out, (Map<String, Object>) map, strings);
            }
            default -> throw new IllegalArgumentException("unsupported attribute value type " + value.getClass());
        }
    }

    private static Object readValue(SpanInput in, PartStrings.Reader strings) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case STRING -> text(in, strings);
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
                    list.add(readValue(in, strings));
                }
                yield list;
            }
            case MAP -> read(in, strings);
            case NULL -> null;
            default -> throw new CorruptTraceException("unknown attribute value tag " + tag);
        };
    }
}
