package io.sightline.ingest.loki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.v3.snappy.SnappyCompressor;

/**
 * Writes Loki {@code logproto.PushRequest} protobuf bodies for tests, from the documented schema
 * (streams = 1 {labels = 1, entries = 2 {timestamp = 1 {seconds = 1, nanos = 2}, line = 2,
 * structuredMetadata = 3 {name = 1, value = 2}}}), as Promtail sends them. Not thread-safe.
 */
final class PushRequests {
    private final List<byte[]> streams = new ArrayList<>();
    private ByteArrayOutputStream entries;
    private String labels;

    PushRequests stream(String labels) {
        this.labels = labels;
        this.entries = new ByteArrayOutputStream();
        return this;
    }

    /** An entry at {@code nanos} with structured metadata given as name, value, name, value, … */
    PushRequests entry(long nanos, String line, String... metadata) {
        byte[] entry = message(out -> {
            out.writeByteArray(1, message(ts -> {
                ts.writeInt64(1, Math.floorDiv(nanos, 1_000_000_000L));
                ts.writeInt32(2, (int) Math.floorMod(nanos, 1_000_000_000L));
            }));
            out.writeString(2, line);
            for (int i = 0; i < metadata.length; i += 2) {
                String name = metadata[i];
                String value = metadata[i + 1];
                out.writeByteArray(3, message(pair -> {
                    pair.writeString(1, name);
                    pair.writeString(2, value);
                }));
            }
        });
        entries.writeBytes(tagged(2, entry));
        return this;
    }

    PushRequests end() {
        byte[] body = entries.toByteArray();
        streams.add(message(out -> {
            out.writeString(1, labels);
            out.writeRawBytes(body);
            out.writeUInt64(3, 12345); // the hash Loki ignores on push
        }));
        return this;
    }

    byte[] bytes() {
        return message(out -> {
            for (byte[] stream : streams) {
                out.writeByteArray(1, stream);
            }
        });
    }

    byte[] snappy() {
        return compress(bytes());
    }

    static byte[] compress(byte[] raw) {
        SnappyCompressor snappy = SnappyCompressor.create();
        byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
        int length = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
        return java.util.Arrays.copyOf(compressed, length);
    }

    private static byte[] tagged(int field, byte[] message) {
        return message(out -> out.writeByteArray(field, message));
    }

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
