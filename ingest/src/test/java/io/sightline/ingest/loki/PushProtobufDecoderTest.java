package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PushProtobufDecoderTest {
    private static final long T = 1_767_225_600_123_456_789L; // 2026-01-01T00:00:00.123456789Z

    @Test
    void readsStreamsEntriesTimestampsAndStructuredMetadata() {
        byte[] body = new PushRequests()
                .stream("{job=\"a\"}").entry(T, "first", "trace_id", "abc", "user", "u1").entry(T + 1, "second").end()
                .stream("{job=\"b\"}").entry(-1_500_000_000L, "before 1970").end()
                .bytes();

        List<PushStream> streams = PushProtobufDecoder.decode(body, body.length);

        assertThat(streams).containsExactly(
                new PushStream("{job=\"a\"}", List.of(
                        new PushStream.Entry(T, "first", List.of(new LokiLabel("trace_id", "abc"), new LokiLabel("user", "u1"))),
                        new PushStream.Entry(T + 1, "second", List.of()))),
                new PushStream("{job=\"b\"}", List.of(new PushStream.Entry(-1_500_000_000L, "before 1970", List.of()))));
    }

    @Test
    void unknownFieldsAreSkipped() {
        byte[] known = new PushRequests().stream("{a=\"b\"}").entry(T, "x").end().bytes();
        byte[] withFormat = concat(known, PushRequests.message(out -> {
            out.writeString(2, "loki"); // PushRequest.format
            out.writeFixed64(9, 7);     // a field this reader never heard of
        }));

        assertThat(PushProtobufDecoder.decode(withFormat, withFormat.length))
                .isEqualTo(PushProtobufDecoder.decode(known, known.length));
    }

    @Test
    void invalidUtf8IsReplacedNotRefused() {
        byte[] body = PushRequests.message(out -> out.writeByteArray(1, PushRequests.message(stream -> {
            stream.writeString(1, "{a=\"b\"}");
            stream.writeByteArray(2, PushRequests.message(entry -> entry.writeByteArray(2, new byte[] {'o', 'k', (byte) 0xff})));
        })));

        assertThat(PushProtobufDecoder.decode(body, body.length).getFirst().entries().getFirst().line()).isEqualTo("ok\uFFFD");
    }

    @Test
    void brokenBodiesAndTimestampsAreMalformed() {
        byte[] body = new PushRequests().stream("{a=\"b\"}").entry(T, "line").end().bytes();
        assertThatThrownBy(() -> PushProtobufDecoder.decode(body, body.length - 2))
                .isInstanceOf(MalformedPushException.class).hasMessageStartingWith("invalid protobuf PushRequest");

        byte[] badNanos = timestampBody(ts -> {
            ts.writeInt64(1, 10);
            ts.writeInt32(2, 1_000_000_000);
        });
        assertThatThrownBy(() -> PushProtobufDecoder.decode(badNanos, badNanos.length))
                .isInstanceOf(MalformedPushException.class).hasMessageContaining("nanos 1000000000, outside [0, 999999999]");
        byte[] overflow = timestampBody(ts -> ts.writeInt64(1, Long.MAX_VALUE / 10));
        assertThatThrownBy(() -> PushProtobufDecoder.decode(overflow, overflow.length))
                .isInstanceOf(MalformedPushException.class).hasMessageContaining("out of the range");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformed() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.printf("PushProtobufDecoderTest seed %d (replay with -Dtests.seed=%d)%n", seed, seed);
        Random random = new Random(seed);
        byte[] valid = new PushRequests().stream("{a=\"b\"}").entry(T, "line", "k", "v").end().bytes();
        for (int i = 0; i < 10_000; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                PushProtobufDecoder.decode(mutated, mutated.length);
            } catch (MalformedPushException expected) {
                // fine: anything else would be a 500
            }
        }
    }

    private static byte[] timestampBody(PushRequests.Writer timestamp) {
        return PushRequests.message(out -> out.writeByteArray(1, PushRequests.message(stream -> {
            stream.writeString(1, "{a=\"b\"}");
            stream.writeByteArray(2, PushRequests.message(entry -> entry.writeByteArray(1, PushRequests.message(timestamp))));
        })));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
