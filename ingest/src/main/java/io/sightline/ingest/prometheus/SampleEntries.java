package io.sightline.ingest.prometheus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Reads metrics WAL entries in the sample-batch format (written by {@link SampleEntryWriter}; the
 * layout is drawn in the ingest README). Every length is checked against the entry, so a corrupt
 * entry fails with {@link CorruptEntryException} before any of it is handed on: the checksum is
 * verified first. Thread-safe (stateless).
 */
public final class SampleEntries {
    /** The format byte of a sample batch (format 1 is an OTLP protobuf request). */
    public static final byte FORMAT = 2;
    /** Layout version; readers accept {@link #VERSION} only, and say so when they meet another. */
    public static final byte VERSION = 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = 6;
    private static final int FOOTER = 4;

    private SampleEntries() {
    }

    /** What a reader is handed, in entry order: a series, then its samples, then its exemplars. */
    public interface Visitor {
        void series(byte[] entry, int labelsOffset, int labelsLength);

        void sample(long timestampMs, double value);

        void exemplar(byte[] entry, int labelsOffset, int labelsLength, double value, long timestampMs);

        void metadata(MetricMetadata metadata);
    }

    /**
     * Reads {@code entry} into {@code visitor}.
     *
     * @throws CorruptEntryException naming what is wrong (checksum, version, a length past the end)
     */
    public static void read(byte[] entry, Visitor visitor) {
        read(entry, entry.length, visitor);
    }

    /**
     * Reads the entry {@code entry[0, length)} into {@code visitor}.
     *
     * @throws CorruptEntryException naming what is wrong (checksum, version, a length past the end)
     */
    public static void read(byte[] entry, int length, Visitor visitor) {
        if (length < HEADER + FOOTER || entry[0] != FORMAT) {
            throw new CorruptEntryException("not a sample-batch entry (" + length + " bytes, format "
                    + (length == 0 ? "none" : Integer.toString(entry[0] & 0xFF)) + ")");
        }
        if (entry[1] != VERSION) {
            throw new CorruptEntryException("sample-batch entry version " + (entry[1] & 0xFF) + ", this reader accepts "
                    + VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(entry, 0, length - FOOTER);
        int stored = (int) INTS.get(entry, length - FOOTER);
        if (stored != (int) crc.getValue()) {
            throw new CorruptEntryException("sample-batch entry checksum mismatch: stored "
                    + Integer.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()));
        }
        Cursor in = new Cursor(entry, HEADER, length - FOOTER);
        int series = (int) INTS.get(entry, 2);
        for (int s = 0; s < series; s++) {
            int labelsLength = in.length();
            visitor.series(entry, in.position, labelsLength);
            in.position += labelsLength;
            int samples = in.length();
            for (int i = 0; i < samples; i++) {
                long timestamp = in.zigZag();
                visitor.sample(timestamp, in.doubleValue());
            }
            int exemplars = in.length();
            for (int i = 0; i < exemplars; i++) {
                int exemplarLabels = in.length();
                int exemplarOffset = in.position;
                in.position += exemplarLabels;
                double value = in.doubleValue();
                visitor.exemplar(entry, exemplarOffset, exemplarLabels, value, in.zigZag());
            }
        }
        int metadata = in.length();
        for (int i = 0; i < metadata; i++) {
            visitor.metadata(new MetricMetadata(in.string(), in.string(), in.string(), in.string()));
        }
        if (in.position != in.end) {
            throw new CorruptEntryException("sample-batch entry has " + (in.end - in.position) + " bytes after its end");
        }
    }

    /** A bounds-checked position in an entry. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new CorruptEntryException("sample-batch entry ends inside a varint");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new CorruptEntryException("sample-batch entry has a varint over 10 bytes");
        }

        /** A count or length that must fit in what is left of the entry. */
        int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new CorruptEntryException("sample-batch entry length " + length + " at byte " + position
                        + " runs past its end");
            }
            return (int) length;
        }

        long zigZag() {
            long raw = varint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        double doubleValue() {
            if (end - position < 8) {
                throw new CorruptEntryException("sample-batch entry ends inside a value");
            }
            double value = Double.longBitsToDouble((long) LONGS.get(bytes, position));
            position += 8;
            return value;
        }

        String string() {
            int length = length();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
    }
}
