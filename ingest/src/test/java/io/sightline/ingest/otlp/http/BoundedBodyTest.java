package io.sightline.ingest.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Bodies read whole or refused over the limit, whatever length the client announced. */
class BoundedBodyTest {
    @Test
    void readsExactlyTheStreamForAnyHintAndChunking() throws IOException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("BoundedBodyTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            int limit = 1 + random.nextInt(40_000);
            byte[] data = new byte[random.nextInt(limit + 100)];
            random.nextBytes(data);
            long hint = switch (random.nextInt(4)) {
                case 0 -> -1;
                case 1 -> data.length;
                case 2 -> random.nextInt(limit * 2 + 1);
                default -> Long.MAX_VALUE;
            };
            byte[] body = BoundedBody.read(chunked(data, 1 + random.nextInt(5_000)), limit, hint);
            if (data.length > limit) {
                assertThat(body).as("seed %d round %d", seed, round).isNull();
            } else {
                assertThat(body).as("seed %d round %d", seed, round).isEqualTo(data);
            }
        }
    }

    @Test
    void emptyBodiesAndBodiesOfExactlyTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10, -1)).isEmpty();
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10, 0)).isEmpty();
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[10]), 10, 10)).hasSize(10);
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[11]), 10, 10)).isNull();
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[11]), 10, -1)).isNull();
    }

    /** A stream handing out at most {@code chunk} bytes a read, like a socket. */
    private static InputStream chunked(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
