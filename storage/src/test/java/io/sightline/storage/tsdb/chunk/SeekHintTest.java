package io.sightline.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * Seeks that start from a {@link SeekHint} find exactly the samples a seek from the chunk's start
 * finds: windows sliding forward (the hints' purpose) and jumping back (hints that must be passed
 * over), in open XOR chunks growing between reads, sealed XOR chunks and integer chunks.
 */
class SeekHintTest {

    /** A slot as the head keeps one; counts the hints left in it. */
    private static final class CountingSlot implements SeekHint.Slot {
        SeekHint hint;
        int written;

        @Override
        public SeekHint seekHint() {
            return hint;
        }

        @Override
        public void seekHint(SeekHint hint) {
            this.hint = hint;
            written++;
        }
    }

    @Test
    void slidingAndJumpingWindowsInSealedChunksReadWhatAFullDecodeReads() {
        SplittableRandom random = TestSeed.random("SeekHintTest.slidingAndJumpingWindowsInSealedChunksReadWhatAFullDecodeReads");
        for (int round = 0; round < 300; round++) {
            int n = 40 + random.nextInt(400);
            long[] times = new long[n];
            double[] values = new double[n];
            long t = random.nextLong(0, 1L << 40);
            double v = random.nextInt(1000);
            for (int i = 0; i < n; i++) {
                times[i] = t;
                values[i] = random.nextBoolean() ? v : v + random.nextDouble();
                t += 15_000 + random.nextInt(-20, 20);
                v += random.nextInt(50);
            }
            XorAppender appender = new XorAppender(n);
            for (int i = 0; i < n; i++) {
                appender.append(times[i], values[i]);
            }
            Chunk xor = appender.seal();
            Chunk integer = BlockChunkEncoder.encode(times, integersOf(values), n);
            for (Chunk chunk : new Chunk[] {xor, integer}) {
                CountingSlot slot = new CountingSlot();
                for (int read = 0; read < 60; read++) {
                    long from = random.nextInt(8) == 0 ? times[random.nextInt(n)] - random.nextInt(2)
                            : times[Math.min(n - 1, 20 + read * (n - 20) / 60)] - 1;
                    assertSameWindow(chunk.iterator(slot), chunk.iterator(), from, 20, "round " + round + " read " + read);
                }
                assertThat(slot.written).as("hints left by round %d", round).isPositive();
            }
        }
    }

    @Test
    void anOpenChunkUsesHintsOnlyForSamplesItsReadersMaySee() {
        SplittableRandom random = TestSeed.random("SeekHintTest.anOpenChunkUsesHintsOnlyForSamplesItsReadersMaySee");
        XorAppender appender = new XorAppender(8);
        long t = 1_000;
        int n = 0;
        long[] times = new long[2_000];
        for (int scrape = 0; scrape < 2_000; scrape++) {
            times[n++] = t;
            appender.append(t, scrape % 7 == 0 ? scrape * 0.25 : scrape);
            t += 15_000;
            if (n > 25) {
                // An iterator made now, a hint left later by a newer one: the older may not use it.
                SampleIterator older = appender.iterator();
                long window = times[n - 21];
                SampleIterator newer = appender.iterator();
                newer.seek(times[n - 1]);
                assertSameWindow(older, new XorIterator(appender.seal().bytes(), n), window, 20, "scrape " + scrape);
                if (random.nextInt(10) == 0) {
                    assertSameWindow(appender.iterator(), new XorIterator(appender.seal().bytes(), n),
                            times[random.nextInt(n)], 5, "jump back at scrape " + scrape);
                }
            }
        }
        assertThat(appender.seekHint()).isNotNull();
    }

    private static double[] integersOf(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.floor(values[i]);
        }
        return out;
    }

    /** Seeks both to {@code from} and compares up to {@code samples} samples after it, bit for bit. */
    private static void assertSameWindow(SampleIterator hinted, SampleIterator plain, long from, int samples, String what) {
        boolean found = plain.seek(from);
        assertThat(hinted.seek(from)).as("%s: seek(%d)", what, from).isEqualTo(found);
        for (int i = 0; found && i < samples; i++) {
            assertThat(hinted.timestamp()).as("%s: time of sample %d", what, i).isEqualTo(plain.timestamp());
            assertThat(Double.doubleToRawLongBits(hinted.value())).as("%s: value of sample %d", what, i)
                    .isEqualTo(Double.doubleToRawLongBits(plain.value()));
            found = plain.next();
            assertThat(hinted.next()).as("%s: next after sample %d", what, i).isEqualTo(found);
        }
    }
}
