package io.sightline.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.TestSeed;
import org.junit.jupiter.api.Test;

class XorChunkTest {
    private static final double[] SPECIAL = {Double.NaN, Sample.STALE_NAN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.longBitsToDouble(0x7ff8_0000_dead_beefL), Double.longBitsToDouble(0xfff0_0000_0000_0001L)};

    @Test
    void randomSeriesRoundTripBitForBit() {
        SplittableRandom random = TestSeed.random("XorChunkTest.randomSeriesRoundTripBitForBit");
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(random.nextBoolean() ? 130 : 3000);
            long[] times = new long[n];
            long[] bits = new long[n];
            generate(random, times, bits);
            XorAppender appender = new XorAppender(120);
            for (int i = 0; i < n; i++) {
                appender.append(times[i], Double.longBitsToDouble(bits[i]));
            }
            assertSamples(appender.iterator(), times, bits, n);
            XorChunk chunk = appender.seal();
            assertThat(chunk.sampleCount()).isEqualTo(n);
            assertThat(chunk.minTime()).isEqualTo(times[0]);
            assertThat(chunk.maxTime()).isEqualTo(times[n - 1]);
            assertSamples(chunk.iterator(), times, bits, n);
            int target = random.nextInt(n);
            SampleIterator it = chunk.iterator();
            long seekTo = times[target] - (random.nextBoolean() ? 0 : 1);
            assertThat(it.seek(seekTo)).isTrue();
            assertThat(it.timestamp()).isEqualTo(target > 0 && seekTo <= times[target - 1] ? times[target - 1] : times[target]);
        }
    }

    @Test
    void seekStaysOnTheCurrentSampleAndFailsPastTheEnd() {
        XorAppender appender = new XorAppender(8);
        for (int i = 0; i < 10; i++) {
            appender.append(1_000 + i * 15_000L, i);
        }
        SampleIterator it = appender.seal().iterator();
        assertThat(it.seek(31_000)).isTrue();
        assertThat(it.timestamp()).isEqualTo(31_000);
        assertThat(it.seek(0)).isTrue();
        assertThat(it.timestamp()).isEqualTo(31_000);
        assertThat(it.next()).isTrue();
        assertThat(it.value()).isEqualTo(3.0);
        assertThat(it.seek(1_000_000)).isFalse();
        assertThat(it.seek(0)).isFalse();
        assertThat(it.next()).isFalse();
    }

    @Test
    void refusesTimestampsThatDoNotIncrease() {
        XorAppender appender = new XorAppender(8);
        appender.append(100, 1);
        assertThatThrownBy(() -> appender.append(100, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after");
        assertThatThrownBy(() -> appender.append(99, 2)).isInstanceOf(IllegalArgumentException.class);
        appender.append(Long.MAX_VALUE, 3);
        assertSamples(appender.seal().iterator(), new long[]{100, Long.MAX_VALUE},
                new long[]{Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(3)}, 2);
    }

    @Test
    void extremeTimestampsRoundTrip() {
        long[] times = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] bits = new long[times.length];
        XorAppender appender = new XorAppender(8);
        for (int i = 0; i < times.length; i++) {
            bits[i] = Double.doubleToRawLongBits(SPECIAL[i]);
            appender.append(times[i], SPECIAL[i]);
        }
        assertSamples(appender.seal().iterator(), times, bits, times.length);
    }

    @Test
    void readersSeeAConsistentPrefixWhileTheWriterAppends() throws InterruptedException {
        XorAppender appender = new XorAppender(4);
        int n = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                int seen = 0;
                while (seen < n) {
                    SampleIterator it = appender.iterator();
                    int i = 0;
                    while (it.next()) {
                        if (it.timestamp() != i * 10L || it.value() != i * 0.5) {
                            throw new AssertionError("sample " + i + " was " + it.timestamp() + "=" + it.value());
                        }
                        i++;
                    }
                    seen = i;
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        for (int i = 0; i < n; i++) {
            appender.append(i * 10L, i * 0.5);
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }

    private static void assertSamples(SampleIterator it, long[] times, long[] bits, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(it.next()).as("sample %d of %d", i, n).isTrue();
            assertThat(it.timestamp()).as("time of sample %d", i).isEqualTo(times[i]);
            assertThat(Double.doubleToRawLongBits(it.value())).as("bits of sample %d", i).isEqualTo(bits[i]);
        }
        assertThat(it.next()).isFalse();
    }

    /** Increasing times (regular, jittered, or huge gaps) and values of one of several shapes. */
    private static void generate(SplittableRandom random, long[] times, long[] bits) {
        int timeShape = random.nextInt(4);
        int valueShape = random.nextInt(5);
        long t = random.nextLong(-1L << 50, 1L << 50);
        double counter = random.nextInt(1_000_000);
        List<Double> gaugeValues = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gaugeValues.add(Math.round(random.nextDouble(0, 100) * 100) / 100.0);
        }
        for (int i = 0; i < times.length; i++) {
            times[i] = t;
            t += switch (timeShape) {
                case 0 -> 15_000;
                case 1 -> 15_000 + random.nextInt(-50, 50);
                case 2 -> 1 + random.nextLong(1L << (1 + random.nextInt(40)));
                default -> random.nextInt(10) == 0 ? 1 + random.nextLong(1L << 45) : 1 + random.nextInt(30_000);
            };
            double v = switch (valueShape) {
                case 0 -> counter += random.nextInt(5);
                case 1 -> gaugeValues.get(random.nextInt(gaugeValues.size()));
                case 2 -> Double.longBitsToDouble(random.nextLong());
                case 3 -> SPECIAL[random.nextInt(SPECIAL.length)];
                default -> random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian() * 1e6;
            };
            bits[i] = Double.doubleToRawLongBits(v);
        }
    }
}
