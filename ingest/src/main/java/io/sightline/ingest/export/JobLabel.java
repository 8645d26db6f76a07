package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;

import io.sightline.ingest.otlp.CorruptEntryException;

/**
 * The {@code job} label of a series, read from its label block (pairs of varint-length name and
 * value, sorted by name), and its parts as the OTLP → Prometheus mapping builds it: {@code job} is
 * {@code service.namespace/service.name}, or {@code service.name} alone. The metrics encoders filter
 * by its service part and the OTLP encoder splits it back into resource attributes. Thread-safe
 * (static, stateless).
 */
final class JobLabel {
    private static final byte[] JOB = "job".getBytes(StandardCharsets.US_ASCII);

    private JobLabel() {
    }

    /** The value of {@code job} in the block, or "" when it has none. */
    static String of(byte[] block, int offset, int length) {
        return value(block, offset, length, JOB);
    }

    private static String value(byte[] block, int offset, int length, byte[] label) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            long name = varint(block, position, end);
            int nameStart = (int) name;
            int nameLength = (int) (name >>> 32);
            long value = varint(block, nameStart + nameLength, end);
            int valueStart = (int) value;
            int valueLength = (int) (value >>> 32);
            position = valueStart + valueLength;
            if (position > end) {
                throw new CorruptEntryException("label block runs past its end");
            }
            int order = java.util.Arrays.compareUnsigned(block, nameStart, nameStart + nameLength, label, 0, label.length);
            if (order == 0) {
                return new String(block, valueStart, valueLength, StandardCharsets.UTF_8);
            }
            if (order > 0) {
                return ""; // names are sorted: the label would have come already
            }
        }
        return "";
    }

    /** The service a job names: what follows the first {@code /}, or the whole job when it has none. */
    static String service(String job) {
        int slash = job.indexOf('/');
        return slash > 0 ? job.substring(slash + 1) : job;
    }

    /**
     * The namespace a job names: what precedes the first {@code /}, or "" (a job starting with
     * {@code /} has no namespace: the receiver would drop an empty namespace, so the whole job is the
     * service name).
     */
    static String namespace(String job) {
        int slash = job.indexOf('/');
        return slash > 0 ? job.substring(0, slash) : "";
    }

    /**
     * A varint length at {@code position} and the data after it: the data's start in the low 32
     * bits, its length in the high 32.
     */
    private static long varint(byte[] bytes, int position, int end) {
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
                return ((long) value << 32) | position;
            }
        }
        throw new CorruptEntryException("label block has a varint over 5 bytes");
    }
}
