package io.sightline.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link ByteKey}: content equality wherever the bytes sit, and a hash every byte reaches. */
class ByteKeyTest {
    @Test
    void theSameBytesAtAnyOffsetAreEqualKeysWithEqualHashes() {
        for (int length = 0; length <= 100; length++) {
            byte[] bytes = sequence(length);
            byte[] shifted = new byte[length + 13];
            System.arraycopy(bytes, 0, shifted, 13, length);
            ByteKey stored = ByteKey.copyOf(bytes, 0, length);
            ByteKey probe = new ByteKey().wrap(shifted, 13, length);
            assertThat(probe).as("length %d", length).isEqualTo(stored).hasSameHashCodeAs(stored);
        }
    }

    @Test
    void changingAnyOneByteChangesTheHash() {
        // the lanes, the whole words after them, the overlapping last word and short keys' bytes
        for (int length = 1; length <= 100; length++) {
            byte[] bytes = sequence(length);
            int original = ByteKey.hash(bytes, 0, length);
            for (int position = 0; position < length; position++) {
                byte before = bytes[position];
                bytes[position] ^= 0x01;
                assertThat(ByteKey.hash(bytes, 0, length)).as("length %d, byte %d", length, position)
                        .isNotEqualTo(original);
                bytes[position] = before;
            }
        }
    }

    @Test
    void theLengthReachesTheHash() {
        byte[] zeros = new byte[64];
        Set<Integer> hashes = new HashSet<>();
        for (int length = 0; length <= 64; length++) {
            hashes.add(ByteKey.hash(zeros, 0, length));
        }
        assertThat(hashes).hasSize(65);
    }

    @Test
    void labelBlocksThatDifferInOneValueSpreadEvenlyOverShards() {
        int[] shards = new int[16];
        int keys = 160_000;
        for (int n = 0; n < keys; n++) {
            byte[] block = ("__name__http_requests_total" + "instance" + "pod-" + (n % 997) + "job" + "shop/checkout"
                    + "route/api/v1/orders/" + n / 997).getBytes(StandardCharsets.UTF_8);
            shards[Math.floorMod(ByteKey.hash(block, 0, block.length), shards.length)]++;
        }
        for (int count : shards) {
            assertThat(count).isBetween(keys / 16 * 95 / 100, keys / 16 * 105 / 100);
        }
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
