package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;

/**
 * One stream of a partition: the raw facts its labels derive from (resource, service, severity
 * number and text) and the labels themselves ({@link LogStreams}), computed once. Streams are keyed
 * by raw facts rather than by labels, so a change of the label rules needs no re-indexing; two
 * definitions may therefore share a label set (severity 9 and 10 are both {@code level="info"}).
 *
 * @param id             64 bits of SHA-256 over the raw facts: deterministic, so a replay or a
 *                       restart gives a record the same stream id
 * @param resourceId     the resource's id ({@link LogResources#idOf}), "" for an empty resource
 * @param serviceName    the record's service name, "" when absent
 * @param severityNumber OpenTelemetry severity number
 * @param severityText   severity text, "" when absent
 * @param labels         the stream labels
 */
record LogStreamDefinition(long id, String resourceId, String serviceName, int severityNumber, String severityText,
                           Labels labels) {

    /** The raw facts of a stream, without id and labels: the catalogue's lookup key. */
    record Key(String resourceId, String serviceName, int severityNumber, String severityText) {
        long id() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] digest = sha.digest(encode(this));
                long id = 0;
                for (int i = 0; i < Long.BYTES; i++) {
                    id = (id << 8) | (digest[i] & 0xff);
                }
                return id;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    Key key() {
        return new Key(resourceId, serviceName, severityNumber, severityText);
    }

    /** The stored form: resource id, service, severity text as length-prefixed UTF-8, severity as a vint. */
    static byte[] encode(Key key) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput(64);
        try {
            writeString(out, key.resourceId());
            writeString(out, key.serviceName());
            out.writeVInt(key.severityNumber());
            writeString(out, key.severityText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    static Key decode(byte[] bytes, int offset, int length) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, offset, length);
        String resourceId = readString(in);
        String service = readString(in);
        int severity = in.readVInt();
        return new Key(resourceId, service, severity, readString(in));
    }

    private static void writeString(ByteBuffersDataOutput out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeVInt(utf8.length);
        out.writeBytes(utf8, utf8.length);
    }

    private static String readString(ByteArrayDataInput in) {
        int length = in.readVInt();
        byte[] utf8 = new byte[length];
        in.readBytes(utf8, 0, length);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
