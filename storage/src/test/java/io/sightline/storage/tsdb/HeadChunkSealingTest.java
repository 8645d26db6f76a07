package io.sightline.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.chunk.IntChunk;
import io.sightline.storage.tsdb.chunk.XorChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head re-encodes the chunks it sealed (on the compaction thread): integer values (counters,
 * histogram counts, one-decimal gauges) become integer chunks, other values stay XOR, and readers
 * racing the writer and the re-encoder see every published sample bit for bit whichever encoding
 * its chunk had when they looked.
 */
class HeadChunkSealingTest {
    private static final long START = 1_795_000_000_000L;
    private static final long STEP = 15_000;
    private static final long STALE_NAN = 0x7ff0000000000002L;

    @TempDir
    Path dir;

    @Test
    void sealedChunksOfIntegersAreIntegerChunksReadBitExactWhileTheWriterAppends() throws InterruptedException {
        SplittableRandom random = TestSeed.random("HeadChunkSealingTest.sealedChunksOfIntegersAreIntegerChunks");
        int samples = 1_500;
        // 0: counter, 1: histogram bucket, 2: one-decimal gauge, 3: float sum, 4: integers with stale markers
        double[][] values = new double[5][samples];
        double counter = random.nextInt(1_000_000);
        double bucket = 0;
        double gauge = 21.5;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            values[0][i] = counter += random.nextInt(4);
            values[1][i] = bucket += random.nextInt(60);
            values[2][i] = gauge = Math.round(gauge * 10 + random.nextInt(-2, 3)) / 10.0;
            values[3][i] = sum += random.nextDouble() * 0.3;
            values[4][i] = i % 40 == 39 ? Double.longBitsToDouble(STALE_NAN) : i; // a stale marker in every chunk
        }
        Head head = new Head(TsdbConfig.defaults(dir));
        HeadReader reader = new HeadReader(head);
        List<MemSeries> series = new ArrayList<>();
        head.appendLock.lock();
        try {
            for (int s = 0; s < values.length; s++) {
                series.add(head.getOrCreate(Labels.of("__name__", "s" + s)));
            }
        } finally {
            head.appendLock.unlock();
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger integerChunksSeen = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (writing.get()) {
                        for (Series found : reader.select(List.of(), Long.MIN_VALUE, Long.MAX_VALUE)) {
                            int s = Integer.parseInt(found.labels().metricName().substring(1));
                            assertPrefix(found.iterator(), values[s], found.labels().toString());
                        }
                        for (Chunk chunk : series.get(0).chunks().sealed()) {
                            if (chunk instanceof IntChunk) {
                                integerChunksSeen.incrementAndGet();
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        readers.add(Thread.ofPlatform().start(() -> {
            try {
                while (writing.get()) {
                    head.reencodeSealed();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        for (int i = 0; i < samples; i++) {
            if (i == samples / 2) {
                // Half way, let the re-encoder and a reader catch up, so the rest races them.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (integerChunksSeen.get() == 0 && failure.get() == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            head.appendLock.lock();
            try {
                for (int s = 0; s < values.length; s++) {
                    head.append(series.get(s), START + i * STEP, values[s][i]);
                }
            } finally {
                head.appendLock.unlock();
            }
        }
        writing.set(false);
        for (Thread thread : readers) { // and the re-encoder
            thread.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(integerChunksSeen.get()).as("readers saw integer chunks while racing the writer").isPositive();
        head.reencodeSealed();

        for (int s = 0; s < values.length; s++) {
            Chunk[] sealed = series.get(s).chunks().sealed();
            assertThat(sealed).as("s%d has sealed chunks", s).hasSizeGreaterThan(10);
            Class<?> expected = s == 3 || s == 4 ? XorChunk.class : IntChunk.class;
            assertThat(sealed).as("encoding of s%d's sealed chunks", s).allMatch(expected::isInstance);
            List<Series> found = reader.select(List.of(LabelMatcher.equal("__name__", "s" + s)), Long.MIN_VALUE,
                    Long.MAX_VALUE);
            assertThat(found).hasSize(1);
            assertThat(assertPrefix(found.getFirst().iterator(), values[s], "s" + s)).isEqualTo(samples);
        }
        assertThat(((IntChunk) series.get(2).chunks().sealed()[0]).scale()).as("one-decimal gauge").isEqualTo(1);
    }

    /** Checks the iterator yields a prefix of {@code expected} (times START + i * STEP) bit for bit; its length. */
    private static int assertPrefix(SampleIterator it, double[] expected, String series) {
        int i = 0;
        while (it.next()) {
            long bits = Double.doubleToRawLongBits(it.value());
            if (i >= expected.length || it.timestamp() != START + i * STEP
                    || bits != Double.doubleToRawLongBits(expected[i])) {
                throw new AssertionError(series + " sample " + i + ": " + it.timestamp() + " = " + it.value()
                        + " (bits " + Long.toHexString(bits) + ")");
            }
            i++;
        }
        return i;
    }
}
