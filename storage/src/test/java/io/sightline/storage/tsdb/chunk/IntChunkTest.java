package io.sightline.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.TestSeed;
import org.junit.jupiter.api.Test;

class IntChunkTest {
    private static final long LIMIT = 1L << 53;

    @Test
    void randomIntegerSeriesRoundTripBitForBit() {
        SplittableRandom random = TestSeed.random("IntChunkTest.randomIntegerSeriesRoundTripBitForBit");
        for (int round = 0; round < 3000; round++) {
            int n = 1 + random.nextInt(random.nextBoolean() ? 20 : 1200);
            long[] times = times(random, n);
            double[] values = integers(random, n);
            IntChunk chunk = IntChunkEncoder.encode(times, values, n);
            assertThat(chunk).as("round %d", round).isNotNull();
            assertThat(chunk.scale()).isZero();
            assertThat(chunk.sampleCount()).isEqualTo(n);
            assertThat(chunk.minTime()).isEqualTo(times[0]);
            assertThat(chunk.maxTime()).isEqualTo(times[n - 1]);
            assertSamples(chunk.iterator(), times, values, n);
            Chunk reread = Chunk.of(chunk.encoding(), chunk.bytes().clone(), times[0], times[n - 1]);
            assertSamples(reread.iterator(), times, values, n);
            int target = random.nextInt(n);
            SampleIterator it = chunk.iterator();
            assertThat(it.seek(times[target])).isTrue();
            assertThat(it.timestamp()).isEqualTo(times[target]);
            assertThat(Double.doubleToRawLongBits(it.value())).isEqualTo(Double.doubleToRawLongBits(values[target]));
        }
    }

    @Test
    void randomDecimalSeriesRoundTripWithTheFewestPlaces() {
        SplittableRandom random = TestSeed.random("IntChunkTest.randomDecimalSeriesRoundTripWithTheFewestPlaces");
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(500);
            int places = random.nextInt(5);
            long[] times = times(random, n);
            double[] values = new double[n];
            long scaled = random.nextLong(-1_000_000_000L, 1_000_000_000L);
            for (int i = 0; i < n; i++) {
                scaled += random.nextInt(-30, 31);
                values[i] = scaled / IntChunkEncoder.POWERS_OF_TEN[places];
            }
            IntChunk chunk = IntChunkEncoder.encode(times, values, n);
            assertThat(chunk).as("round %d", round).isNotNull();
            assertThat(chunk.scale()).isLessThanOrEqualTo(places);
            assertSamples(chunk.iterator(), times, values, n);
        }
    }

    @Test
    void valuesThatAreNotExactScaledIntegersAreRefused() {
        SplittableRandom random = TestSeed.random("IntChunkTest.valuesThatAreNotExactScaledIntegersAreRefused");
        double[] bad = {Double.NaN, Sample.STALE_NAN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                (double) LIMIT, -(double) LIMIT, 0x1p63, -0x1p63, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                0.12345, 1.0 / 3, 1e-5, 0.1 + 0.2, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)};
        for (double value : bad) {
            int n = 1 + random.nextInt(300);
            long[] times = times(random, n);
            double[] values = integers(random, n);
            values[random.nextInt(n)] = value;
            assertThat(IntChunkEncoder.encode(times, values, n)).as("with %s", value).isNull();
            Chunk chosen = BlockChunkEncoder.encode(times, values, n);
            assertThat(chosen).as("with %s", value).isInstanceOf(XorChunk.class);
            assertSamples(chosen.iterator(), times, values, n);
        }
    }

    @Test
    void limitsOfTheSafeRangeRoundTrip() {
        double[] values = {LIMIT - 1, -(LIMIT - 1), 0, LIMIT - 1, 1, -(LIMIT - 1), 0.0, LIMIT - 2, -(LIMIT - 1)};
        long[] times = {Long.MIN_VALUE, -5, 0, 1, 2, 100, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        IntChunk chunk = IntChunkEncoder.encode(times, values, values.length);
        assertThat(chunk).isNotNull();
        assertSamples(chunk.iterator(), times, values, values.length);
    }

    @Test
    void blockEncoderPicksIntegersForCountersAndXorForFloats() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 480;
        long[] times = new long[n];
        double[] counter = new double[n];
        double[] floats = new double[n];
        double[] gauge = new double[n];
        double c = 123_456;
        double sum = 0;
        long tenths = 214;
        for (int i = 0; i < n; i++) {
            times[i] = 1_790_000_000_000L + i * 15_000L + (i % 3 == 0 ? random.nextInt(-2, 3) : 0);
            counter[i] = c += random.nextInt(4);
            floats[i] = sum += random.nextDouble() * 0.3;
            tenths += random.nextInt(-2, 3);
            gauge[i] = tenths / 10.0;
        }
        Chunk counterChunk = BlockChunkEncoder.encode(times, counter, n);
        assertThat(counterChunk).isInstanceOf(IntChunk.class);
        assertThat(counterChunk.encoding()).isEqualTo(Chunk.INT);
        assertThat(counterChunk.bytes().length).isLessThan(xorSize(times, counter, n) * 3 / 4);
        Chunk floatChunk = BlockChunkEncoder.encode(times, floats, n);
        assertThat(floatChunk).isInstanceOf(XorChunk.class);
        assertThat(floatChunk.encoding()).isEqualTo(Chunk.XOR);
        Chunk gaugeChunk = BlockChunkEncoder.encode(times, gauge, n);
        assertThat(gaugeChunk).isInstanceOf(IntChunk.class);
        assertThat(((IntChunk) gaugeChunk).scale()).isEqualTo(1);
        assertSamples(counterChunk.iterator(), times, counter, n);
        assertSamples(floatChunk.iterator(), times, floats, n);
        assertSamples(gaugeChunk.iterator(), times, gauge, n);
    }

    @Test
    void unknownEncodingsAndBadHeadersAreRefused() {
        assertThatThrownBy(() -> Chunk.of((byte) 7, new byte[8], 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown chunk encoding 7");
        assertThatThrownBy(() -> Chunk.of(Chunk.INT, new byte[3], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chunk.of(Chunk.INT, new byte[]{0, 1, 0x70, 0}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale 7");
    }

    private static int xorSize(long[] times, double[] values, int n) {
        XorAppender appender = new XorAppender(n);
        for (int i = 0; i < n; i++) {
            appender.append(times[i], values[i]);
        }
        return appender.seal().bytes().length;
    }

    /** Increasing times: regular, jittered, or with huge gaps. */
    private static long[] times(SplittableRandom random, int n) {
        int shape = random.nextInt(3);
        long[] times = new long[n];
        long t = random.nextLong(-1L << 50, 1L << 50);
        for (int i = 0; i < n; i++) {
            times[i] = t;
            t += switch (shape) {
                case 0 -> 15_000;
                case 1 -> 15_000 + random.nextInt(-50, 50);
                default -> 1 + random.nextLong(1L << (1 + random.nextInt(40)));
            };
        }
        return times;
    }

    /**
     * Integers of one of several shapes: counters with small steps and resets to 0, steady rates,
     * big jumps, negative walks, values near ±2^53, or constants.
     */
    private static double[] integers(SplittableRandom random, int n) {
        int shape = random.nextInt(6);
        double[] values = new double[n];
        long v = shape == 4 ? LIMIT - 1 - random.nextInt(1000) : random.nextLong(-1_000_000, 1_000_000);
        int step = 1 + random.nextInt(500);
        for (int i = 0; i < n; i++) {
            v = switch (shape) {
                case 0 -> random.nextInt(100) == 0 ? 0 : v + random.nextInt(4);
                case 1 -> v + step + (random.nextInt(10) == 0 ? random.nextInt(-3, 4) : 0);
                case 2 -> random.nextInt(20) == 0 ? random.nextLong(-LIMIT + 1, LIMIT) : v + random.nextInt(-1000, 1000);
                case 3 -> v - random.nextInt(50);
                case 4 -> random.nextBoolean() ? LIMIT - 1 - random.nextInt(1000) : -LIMIT + 1 + random.nextInt(1000);
                default -> v;
            };
            v = Math.max(-LIMIT + 1, Math.min(LIMIT - 1, v));
            values[i] = v;
        }
        return values;
    }

    private static void assertSamples(SampleIterator it, long[] times, double[] values, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(it.next()).as("sample %d of %d", i, n).isTrue();
            assertThat(it.timestamp()).as("time of sample %d", i).isEqualTo(times[i]);
            assertThat(Double.doubleToRawLongBits(it.value())).as("bits of sample %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(it.next()).isFalse();
        assertThat(it.seek(Long.MIN_VALUE)).isFalse();
    }
}
