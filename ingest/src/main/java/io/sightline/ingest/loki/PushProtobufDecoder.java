package io.sightline.ingest.loki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.sightline.ingest.WireReader;

/**
 * Reads a Loki {@code logproto.PushRequest} straight from its protobuf bytes (already snappy-decoded),
 * without generated classes. The fields read (Loki {@code pkg/push/push.proto}):
 * <pre>
 * PushRequest   { repeated StreamAdapter streams = 1; string format = 2 (ignored) }
 * StreamAdapter { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3 (ignored) }
 * EntryAdapter  { google.protobuf.Timestamp timestamp = 1; string line = 2;
 *                 repeated LabelPairAdapter structuredMetadata = 3; repeated LabelPairAdapter parsed = 4 (ignored) }
 * LabelPairAdapter { string name = 1; string value = 2 }
 * Timestamp     { int64 seconds = 1; int32 nanos = 2 }
 * </pre>
 * Unknown fields are skipped, as protobuf requires. Strings that are not valid UTF-8 are decoded with
 * U+FFFD for the bad bytes, not refused: Loki (Go) keeps such lines, and the log store needs valid
 * text. A broken length, a wrong wire type, or a timestamp whose nanos are outside [0, 1e9) or whose
 * nanoseconds overflow 64 bits throws {@link MalformedPushException} naming the byte offset.
 * Stateless.
 */
final class PushProtobufDecoder {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private PushProtobufDecoder() {
    }

    static List<PushStream> decode(byte[] body, int length) {
        WireReader in = new WireReader(body, 0, length);
        List<PushStream> streams = new ArrayList<>();
        try {
            while (in.before(length)) {
                int tag = in.tag();
                if (tag >>> 3 == 1) {
                    int end = in.lengthDelimited(tag);
                    streams.add(stream(in, end));
                } else {
                    in.skip(tag);
                }
            }
        } catch (WireReader.Malformed e) {
            throw new MalformedPushException("invalid protobuf PushRequest: malformed field near byte " + in.position());
        }
        return streams;
    }

    private static PushStream stream(WireReader in, int end) {
        String labels = "";
        List<PushStream.Entry> entries = new ArrayList<>();
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> labels = string(in, tag);
                case 2 -> entries.add(entry(in, in.lengthDelimited(tag)));
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        return new PushStream(labels, entries);
    }

    private static PushStream.Entry entry(WireReader in, int end) {
        long timestamp = 0;
        String line = "";
        List<LokiLabel> metadata = List.of();
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> timestamp = timestamp(in, in.lengthDelimited(tag));
                case 2 -> line = string(in, tag);
                case 3 -> {
                    if (metadata.isEmpty()) {
                        metadata = new ArrayList<>(4);
                    }
                    metadata.add(pair(in, in.lengthDelimited(tag)));
                }
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        return new PushStream.Entry(timestamp, line, metadata);
    }

    private static long timestamp(WireReader in, int end) {
        long seconds = 0;
        long nanos = 0;
        int start = in.position();
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> seconds = in.varint(tag);
                case 2 -> nanos = (int) in.varint(tag);
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
            throw new MalformedPushException("invalid protobuf PushRequest: timestamp near byte " + start
                    + " has nanos " + nanos + ", outside [0, 999999999]");
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException e) {
            throw new MalformedPushException("invalid protobuf PushRequest: timestamp near byte " + start
                    + " of " + seconds + " s is out of the range of nanosecond timestamps");
        }
    }

    private static LokiLabel pair(WireReader in, int end) {
        String name = "";
        String value = "";
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> name = string(in, tag);
                case 2 -> value = string(in, tag);
                default -> in.skip(tag);
            }
        }
        in.atEnd(end);
        return new LokiLabel(name, value);
    }

    private static String string(WireReader in, int tag) {
        int end = in.lengthDelimited(tag);
        int start = in.position();
        in.seek(end);
        return new String(in.array(), start, end - start, StandardCharsets.UTF_8);
    }
}
