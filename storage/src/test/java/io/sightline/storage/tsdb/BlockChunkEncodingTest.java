package io.sightline.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.chunk.IntChunk;
import io.sightline.storage.tsdb.chunk.XorAppender;
import io.sightline.storage.tsdb.chunk.XorChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockChunkEncodingTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(0));

    @Test
    void reencodePicksIntegersPerChunkAndXorWhereAValueDoesNotFit() {
        SplittableRandom random = TestSeed.random("BlockChunkEncodingTest.reencodePicksIntegersPerChunk");
        List<XorChunk> head = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        double counter = random.nextInt(1_000_000);
        XorAppender open = new XorAppender(120);
        for (int i = 0; i < 4 * 480; i++) {
            long t = i * 15_000L + random.nextInt(-2, 3);
            counter += random.nextInt(4);
            // Chunk 1 (samples 480..959) gets a stale marker, chunk 3 a value with many decimals.
            double v = i == 700 ? Sample.STALE_NAN : i == 1500 ? counter + 0.123456789 : counter;
            open.append(t, v);
            expected.add(new long[]{t, Double.doubleToRawLongBits(v)});
            if (open.sampleCount() == 120) {
                head.add(open.seal());
                open = new XorAppender(120);
            }
        }
        List<Chunk> chunks = BlockCompactor.reencode(head, 480);
        assertThat(chunks).extracting(Chunk::encoding).containsExactly(Chunk.INT, Chunk.XOR, Chunk.INT, Chunk.XOR);
        assertThat(chunks).extracting(Chunk::sampleCount).containsExactly(480, 480, 480, 480);
        int i = 0;
        for (Chunk chunk : chunks) {
            SampleIterator it = chunk.iterator();
            while (it.next()) {
                assertThat(new long[]{it.timestamp(), Double.doubleToRawLongBits(it.value())}).as("sample %d", i)
                        .containsExactly(expected.get(i++));
            }
        }
        assertThat(i).isEqualTo(expected.size());
        List<Chunk> again = BlockCompactor.reencode(chunks, 480);
        assertThat(again).extracting(Chunk::encoding).containsExactly(Chunk.INT, Chunk.XOR, Chunk.INT, Chunk.XOR);
        assertThat(again.getFirst()).isInstanceOf(IntChunk.class);
    }

    @Test
    void blocksWithBothEncodingsAreWrittenCompactedAndReopenedBitForBit() {
        Map<Labels, TreeMap<Long, Long>> expected = new HashMap<>();
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            append(tsdb, expected, 13 * HOUR);
            tsdb.compact();
            assertThat(tsdb.blocks()).anyMatch(b -> b.level() > 1);
            assertThat(bits(tsdb)).isEqualTo(expected);
        }
        try (Tsdb reopened = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            assertThat(bits(reopened)).isEqualTo(cutAt(expected, newestBlockEnd(reopened)));
        }
    }

    @Test
    void versionOneChunkSegmentsStillRead() throws IOException {
        Map<Labels, TreeMap<Long, Long>> expected = new HashMap<>();
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            for (long t = 0; t < 5 * HOUR; t += 15_000) {
                double v = Math.sin(t / 1e6) * 100;
                tsdb.append(Labels.of("__name__", "float_gauge"), t, v);
                expected.computeIfAbsent(Labels.of("__name__", "float_gauge"), l -> new TreeMap<>())
                        .put(t, Double.doubleToRawLongBits(v));
            }
            tsdb.compact();
        }
        int rewritten = 0;
        try (Stream<Path> files = Files.walk(dir.resolve("blocks"))) {
            for (Path segment : files.filter(f -> f.getParent().getFileName().toString().equals("chunks")).toList()) {
                byte[] bytes = Files.readAllBytes(segment);
                int versionAt = 5 + BlockWriter.CHUNKS_FORMAT.length();
                assertThat(bytes[versionAt + 1]).isEqualTo((byte) 2);
                bytes[versionAt + 1] = 1;
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, bytes.length - 4);
                ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
                Files.write(segment, bytes);
                rewritten++;
            }
        }
        assertThat(rewritten).isPositive();
        try (Tsdb reopened = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            assertThat(bits(reopened)).isEqualTo(cutAt(expected, newestBlockEnd(reopened)));
        }
    }

    /** Counters, histogram-like counts, one-decimal gauges, float sums and a series with stale markers. */
    private static void append(Tsdb tsdb, Map<Labels, TreeMap<Long, Long>> expected, long until) {
        double counter = 1000;
        double bucket = 0;
        double gauge = 21.4;
        double sum = 0;
        SplittableRandom random = new SplittableRandom(5);
        for (long t = 0; t < until; t += 15_000) {
            counter += random.nextInt(4);
            bucket += random.nextInt(60);
            gauge = Math.round(gauge * 10 + random.nextInt(-2, 3)) / 10.0;
            sum += random.nextDouble();
            double stale = t % (40 * 15_000) == 0 ? Sample.STALE_NAN : counter;
            put(tsdb, expected, "requests_total", t, counter);
            put(tsdb, expected, "latency_bucket", t, bucket);
            put(tsdb, expected, "temperature", t, gauge);
            put(tsdb, expected, "latency_sum", t, sum);
            put(tsdb, expected, "flapping_total", t, stale);
        }
    }

    private static void put(Tsdb tsdb, Map<Labels, TreeMap<Long, Long>> expected, String name, long t, double v) {
        Labels labels = Labels.of("__name__", name);
        tsdb.append(labels, t, v);
        expected.computeIfAbsent(labels, l -> new TreeMap<>()).put(t, Double.doubleToRawLongBits(v));
    }

    private static long newestBlockEnd(Tsdb tsdb) {
        return tsdb.blocks().stream().mapToLong(Tsdb.BlockInfo::maxTime).max().orElse(Long.MIN_VALUE);
    }

    /** What a reopened TSDB holds: only block samples (the head starts empty), so those before {@code end}. */
    private Map<Labels, TreeMap<Long, Long>> cutAt(Map<Labels, TreeMap<Long, Long>> expected, long end) {
        Map<Labels, TreeMap<Long, Long>> out = new HashMap<>();
        expected.forEach((labels, samples) -> out.put(labels, new TreeMap<>(samples.headMap(end))));
        return out;
    }

    /** Every sample with its value's raw bits (block samples only when the head is empty). */
    private static Map<Labels, TreeMap<Long, Long>> bits(Queryable tsdb) {
        Map<Labels, TreeMap<Long, Long>> out = new HashMap<>();
        try (SeriesQuerier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            for (Series s : q.select(List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".+")))) {
                TreeMap<Long, Long> samples = new TreeMap<>();
                SampleIterator it = s.iterator();
                while (it.next()) {
                    samples.put(it.timestamp(), Double.doubleToRawLongBits(it.value()));
                }
                out.put(s.labels(), samples);
            }
        }
        return out;
    }
}
