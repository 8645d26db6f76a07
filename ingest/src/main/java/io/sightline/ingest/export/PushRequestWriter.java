package io.sightline.ingest.export;

import java.io.IOException;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/**
 * Writes a Loki {@code logproto.PushRequest} (Loki's {@code pkg/push/push.proto}) by hand, the
 * fields Loki's distributor and Sightline's own receiver ({@code PushProtobufDecoder}) read:
 * <pre>
 * PushRequest      { repeated StreamAdapter streams = 1 }
 * StreamAdapter    { string labels = 1; repeated EntryAdapter entries = 2 }
 * EntryAdapter     { google.protobuf.Timestamp timestamp = 1; string line = 2;
 *                    repeated LabelPairAdapter structuredMetadata = 3 }
 * LabelPairAdapter { string name = 1; string value = 2 }
 * Timestamp        { int64 seconds = 1; int32 nanos = 2 }
 * </pre>
 * Sizes are computed first, so the body is written once into an array of its exact length. Strings
 * arrive as UTF-8 bytes. Stateless.
 */
final class PushRequestWriter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** One stream: its labels text and its entries in the order to send. */
    record Stream(byte[] labels, List<Entry> entries) {
    }

    /**
     * One line.
     *
     * @param timeNanos Unix epoch nanoseconds
     * @param metadata  structured metadata as name, value, name, value, ...
     */
    record Entry(long timeNanos, byte[] line, byte[][] metadata) {
    }

    private PushRequestWriter() {
    }

    static byte[] write(List<Stream> streams) {
        int size = 0;
        for (Stream stream : streams) {
            size += lengthDelimited(1, streamSize(stream));
        }
        byte[] body = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(body);
        try {
            for (Stream stream : streams) {
                out.writeTag(1, 2);
                out.writeUInt32NoTag(streamSize(stream));
                out.writeByteArray(1, stream.labels());
                for (Entry entry : stream.entries()) {
                    out.writeTag(2, 2);
                    out.writeUInt32NoTag(entrySize(entry));
                    writeEntry(out, entry);
                }
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("PushRequest sizes were computed wrong", e);
        }
        return body;
    }

    private static void writeEntry(CodedOutputStream out, Entry entry) throws IOException {
        long seconds = Math.floorDiv(entry.timeNanos(), NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(entry.timeNanos(), NANOS_PER_SECOND);
        out.writeTag(1, 2);
        out.writeUInt32NoTag(timestampSize(seconds, nanos));
        if (seconds != 0) {
            out.writeInt64(1, seconds);
        }
        if (nanos != 0) {
            out.writeInt32(2, nanos);
        }
        out.writeByteArray(2, entry.line());
        byte[][] metadata = entry.metadata();
        for (int i = 0; i < metadata.length; i += 2) {
            out.writeTag(3, 2);
            out.writeUInt32NoTag(pairSize(metadata[i], metadata[i + 1]));
            out.writeByteArray(1, metadata[i]);
            out.writeByteArray(2, metadata[i + 1]);
        }
    }

    private static int streamSize(Stream stream) {
        int size = CodedOutputStream.computeByteArraySize(1, stream.labels());
        for (Entry entry : stream.entries()) {
            size += lengthDelimited(2, entrySize(entry));
        }
        return size;
    }

    static int entrySize(Entry entry) {
        long seconds = Math.floorDiv(entry.timeNanos(), NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(entry.timeNanos(), NANOS_PER_SECOND);
        int size = lengthDelimited(1, timestampSize(seconds, nanos)) + CodedOutputStream.computeByteArraySize(2, entry.line());
        byte[][] metadata = entry.metadata();
        for (int i = 0; i < metadata.length; i += 2) {
            size += lengthDelimited(3, pairSize(metadata[i], metadata[i + 1]));
        }
        return size;
    }

    private static int timestampSize(long seconds, int nanos) {
        return (seconds == 0 ? 0 : CodedOutputStream.computeInt64Size(1, seconds))
                + (nanos == 0 ? 0 : CodedOutputStream.computeInt32Size(2, nanos));
    }

    private static int pairSize(byte[] name, byte[] value) {
        return CodedOutputStream.computeByteArraySize(1, name) + CodedOutputStream.computeByteArraySize(2, value);
    }

    private static int lengthDelimited(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }
}
