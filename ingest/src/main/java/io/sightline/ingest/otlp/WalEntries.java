package io.sightline.ingest.otlp;

import java.io.IOException;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.ingest.Signal;

/**
 * The byte layout of an ingest WAL entry: one format byte, then the payload. Format
 * {@value #OTLP_PROTOBUF}: the protobuf bytes of the accepted part of an OTLP
 * {@code Export<Signal>ServiceRequest} (the signal is the WAL's); the metrics WAL held these until
 * sample batches ({@value #SAMPLE_BATCH}) replaced them, and its applier still reads both. Other
 * values are reserved for later formats (Loki push). Thread-safe.
 */
public final class WalEntries {
    /** Format byte of an OTLP protobuf Export*ServiceRequest. */
    public static final byte OTLP_PROTOBUF = 1;
    /**
     * Format byte of a sample batch (metrics WAL only): Prometheus series, samples, exemplars and
     * metadata as admitted by the receivers; see {@link io.sightline.ingest.prometheus.SampleEntries}.
     */
    public static final byte SAMPLE_BATCH = io.sightline.ingest.prometheus.SampleEntries.FORMAT;

    private WalEntries() {
    }

    /** An entry holding {@code request}'s protobuf bytes. */
    public static byte[] otlp(Message request) {
        byte[] entry = new byte[1 + request.getSerializedSize()];
        entry[0] = OTLP_PROTOBUF;
        CodedOutputStream out = CodedOutputStream.newInstance(entry, 1, entry.length - 1);
        try {
            request.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + request.getDescriptorForType().getName(), e);
        }
        return entry;
    }

    /** An entry holding protobuf bytes already serialised (the request body as received). */
    static byte[] otlp(byte[] protobuf) {
        byte[] entry = new byte[1 + protobuf.length];
        entry[0] = OTLP_PROTOBUF;
        System.arraycopy(protobuf, 0, entry, 1, protobuf.length);
        return entry;
    }

    /**
     * Decodes an entry of {@code signal}'s WAL into its Export*ServiceRequest.
     *
     * @throws CorruptEntryException if the format byte is unknown or the payload does not parse
     */
    public static Message decode(Signal signal, byte[] entry) {
        return decode(signal, entry, entry.length);
    }

    /**
     * Decodes the entry {@code entry[0, length)} of {@code signal}'s WAL into its
     * Export*ServiceRequest.
     *
     * @throws CorruptEntryException if the format byte is unknown or the payload does not parse
     */
    public static Message decode(Signal signal, byte[] entry, int length) {
        checkFormat(entry, length);
        try {
            return switch (signal) {
                case LOGS -> ExportLogsServiceRequest.parser().parseFrom(entry, 1, length - 1);
                case METRICS -> ExportMetricsServiceRequest.parser().parseFrom(entry, 1, length - 1);
                case TRACES -> ExportTraceServiceRequest.parser().parseFrom(entry, 1, length - 1);
            };
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptEntryException("WAL entry does not parse as OTLP " + signal.walName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code entry[0, length)} is a non-empty entry of format {@link #OTLP_PROTOBUF}.
     *
     * @throws CorruptEntryException naming the problem otherwise
     */
    public static void checkFormat(byte[] entry, int length) {
        if (length == 0) {
            throw new CorruptEntryException("empty WAL entry");
        }
        if (entry[0] != OTLP_PROTOBUF) {
            throw new CorruptEntryException("unknown WAL entry format " + (entry[0] & 0xFF) + ", expected "
                    + OTLP_PROTOBUF + " (OTLP protobuf)");
        }
    }
}
