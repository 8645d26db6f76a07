package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.storage.tsdb.Labels;

/**
 * Turns a label block (pairs of varint-length name and value, sorted by name) into the protobuf
 * bytes of remote_write's {@code repeated Label labels = 1} ({@code Label { string name = 1;
 * string value = 2; }}) by copying the name and value bytes, never building Strings. External
 * labels are merged in by name, so the output stays sorted as Prometheus sends it; a series' own
 * label of the same name wins, as in Prometheus. Immutable after construction; {@link #write} is
 * thread-safe for distinct outputs.
 */
final class RemoteWriteLabels {
    /** Tag of field 1, length-delimited: {@code labels} in TimeSeries and Exemplar, {@code name} in Label. */
    static final int FIELD_1 = 0x0A;
    /** Tag of field 2, length-delimited: {@code value} in Label. */
    static final int FIELD_2 = 0x12;

    private final byte[][] externalNames;
    /** Each external label as a whole {@code Label} message, encoded once. */
    private final byte[][] externalLabels;

    RemoteWriteLabels(Labels external) {
        int n = 0;
        externalNames = new byte[external.size()][];
        externalLabels = new byte[external.size()][];
        for (int i = 0; i < external.size(); i++) {
            if (external.value(i).isEmpty() || external.name(i).isEmpty()) {
                continue; // Prometheus: an empty value is an absent label
            }
            externalNames[n] = external.name(i).getBytes(StandardCharsets.UTF_8);
            ByteBuilder block = new ByteBuilder(64);
            block.writeString(external.name(i));
            block.writeString(external.value(i));
            ByteBuilder label = new ByteBuilder(64);
            copyLabel(block.array(), 0, sizeOf(externalNames[n].length) + externalNames[n].length, block.size(), label);
            externalLabels[n] = label.toByteArray();
            n++;
        }
        if (n < externalNames.length) {
            throw new IllegalArgumentException("external labels must have non-empty names and values: " + external);
        }
    }

    /** Appends the block's labels (with the external ones when {@code withExternal}) to {@code out}. */
    void write(byte[] block, int offset, int length, boolean withExternal, ByteBuilder out) {
        int external = withExternal ? 0 : externalNames.length;
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int nameLength = varint(block, position, end);
            int nameStart = position + sizeOf(nameLength);
            int valueLength = varint(block, nameStart + nameLength, end);
            int valueStart = nameStart + nameLength + sizeOf(valueLength);
            int next = valueStart + valueLength;
            if (next > end) {
                throw new CorruptEntryException("label block runs past its end");
            }
            while (external < externalNames.length) {
                byte[] name = externalNames[external];
                int order = Arrays.compareUnsigned(name, 0, name.length, block, nameStart, nameStart + nameLength);
                if (order > 0) {
                    break;
                }
                if (order < 0) {
                    out.write(externalLabels[external], 0, externalLabels[external].length);
                }
                external++; // order == 0: the series' own label wins
            }
            copyLabel(block, position, nameStart + nameLength, next, out);
            position = next;
        }
        for (; external < externalNames.length; external++) {
            out.write(externalLabels[external], 0, externalLabels[external].length);
        }
    }

    /**
     * One label of the block as a {@code Label} message: the block's varint-length name and value
     * are already the wire form of {@code name} and {@code value} without their tags, so they are
     * copied whole around the two tags (the hot path: a label a sample, no per-byte checks).
     */
    private static void copyLabel(byte[] block, int start, int valueVarint, int end, ByteBuilder out) {
        int labelSize = end - start + 2;
        out.reserve(labelSize + 7);
        byte[] bytes = out.array();
        int p = out.size();
        bytes[p++] = FIELD_1;
        p = ByteBuilder.putVarint(bytes, p, labelSize);
        bytes[p++] = FIELD_1;
        System.arraycopy(block, start, bytes, p, valueVarint - start);
        p += valueVarint - start;
        bytes[p++] = FIELD_2;
        System.arraycopy(block, valueVarint, bytes, p, end - valueVarint);
        out.truncate(p + end - valueVarint);
    }

    /** Bytes of {@code value} as a protobuf varint (non-negative values). */
    static int sizeOf(long value) {
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    private static int varint(byte[] bytes, int position, int end) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position >= end) {
                throw new CorruptEntryException("label block ends inside a varint");
            }
            byte b = bytes[position++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (value < 0 || value > end - position) {
                    throw new CorruptEntryException("label block length " + value + " runs past its end");
                }
                return value;
            }
        }
        throw new CorruptEntryException("label block has a varint over 5 bytes");
    }
}
