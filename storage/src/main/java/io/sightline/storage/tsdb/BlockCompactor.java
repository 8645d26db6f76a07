package io.sightline.storage.tsdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.storage.tsdb.chunk.BlockChunkEncoder;
import io.sightline.storage.tsdb.chunk.Chunk;

/**
 * Merges adjacent blocks into larger ones, as Prometheus's leveled compactor: ranges grow by a
 * factor of 3 from the block range (2h, 6h, 18h, 54h, ...) up to a cap (10% of retention, at most
 * 31 days). Blocks that lie in one aligned window of the next range are merged once the window is
 * complete (the head accepts nothing older than its end). Fewer, larger blocks mean fewer index
 * copies of each series and fewer files a long query opens.
 */
final class BlockCompactor {
    private final long[] ranges;

    BlockCompactor(long blockRange, long maxRange) {
        List<Long> levels = new ArrayList<>();
        for (long r = blockRange; r <= maxRange && r > 0; r = r > Long.MAX_VALUE / 3 ? -1 : r * 3) {
            levels.add(r);
        }
        ranges = levels.stream().mapToLong(Long::longValue).toArray();
    }

    long[] ranges() {
        return ranges.clone();
    }

    /**
     * The blocks to merge next, oldest first, or an empty list.
     *
     * @param blocks        every block, oldest first
     * @param completeBefore no more data can arrive before this time
     */
    List<Block> plan(List<Block> blocks, long completeBefore) {
        for (int level = 1; level < ranges.length; level++) {
            long range = ranges[level];
            Map<Long, List<Block>> windows = new TreeMap<>();
            for (Block block : blocks) {
                BlockMeta meta = block.meta();
                long window = Math.floorDiv(meta.minTime(), range) * range;
                if (meta.maxTime() <= window + range && meta.maxTime() - meta.minTime() < range) {
                    windows.computeIfAbsent(window, w -> new ArrayList<>()).add(block);
                }
            }
            for (Map.Entry<Long, List<Block>> window : windows.entrySet()) {
                if (window.getValue().size() >= 2 && window.getKey() + range <= completeBefore) {
                    return window.getValue();
                }
            }
        }
        return List.of();
    }

    /** Writes the merge of {@code sources} (time-disjoint, oldest first) as a new block. */
    static BlockMeta merge(List<Block> sources, Path blocksDir, long durableWalIndex, long segmentBytes,
                           int samplesPerChunk) throws IOException {
        Map<Labels, List<int[]>> series = new TreeMap<>();
        for (int b = 0; b < sources.size(); b++) {
            Block block = sources.get(b);
            for (int id = 0; id < block.seriesCount(); id++) {
                series.computeIfAbsent(block.labels(id), l -> new ArrayList<>(sources.size())).add(new int[]{b, id});
            }
        }
        long minTime = sources.stream().mapToLong(b -> b.meta().minTime()).min().orElseThrow();
        long maxTime = sources.stream().mapToLong(b -> b.meta().maxTime()).max().orElseThrow();
        int level = sources.stream().mapToInt(b -> b.meta().level()).max().orElseThrow() + 1;
        String id = BlockWriter.idOf(minTime, maxTime);
        try (BlockWriter writer = new BlockWriter(blocksDir, id, segmentBytes)) {
            for (Map.Entry<Labels, List<int[]>> entry : series.entrySet()) {
                List<Chunk> chunks = new ArrayList<>();
                for (int[] at : entry.getValue()) {
                    chunks.addAll(sources.get(at[0]).chunks(at[1]));
                }
                chunks.sort(Comparator.comparingLong(Chunk::minTime));
                writer.add(entry.getKey(), reencode(chunks, samplesPerChunk));
            }
            List<String> ids = sources.stream().map(b -> b.meta().id()).toList();
            return writer.finish(id, minTime, maxTime, level, ids, durableWalIndex);
        }
    }

    /**
     * The samples of time-ordered chunks in chunks of {@code samplesPerChunk}, each in the encoding
     * that suits its values ({@link BlockChunkEncoder}: integer chunks for counters and histogram
     * counts, XOR otherwise): on disk, longer chunks save the per-chunk header, first sample and
     * index entry, and keep the XOR window or the integer deltas going. A sample at a time already
     * seen (cannot happen for disjoint sources) is dropped.
     */
    static List<Chunk> reencode(List<? extends Chunk> chunks, int samplesPerChunk) {
        List<Chunk> out = new ArrayList<>();
        long[] times = new long[samplesPerChunk];
        double[] values = new double[samplesPerChunk];
        int n = 0;
        long last = Long.MIN_VALUE;
        boolean any = false;
        for (Chunk chunk : chunks) {
            SampleIterator it = chunk.iterator();
            while (it.next()) {
                long t = it.timestamp();
                if (any && t <= last) {
                    continue;
                }
                if (n == samplesPerChunk) {
                    out.add(BlockChunkEncoder.encode(times, values, n));
                    n = 0;
                }
                times[n] = t;
                values[n] = it.value();
                n++;
                last = t;
                any = true;
            }
        }
        if (n > 0) {
            out.add(BlockChunkEncoder.encode(times, values, n));
        }
        return out;
    }
}
