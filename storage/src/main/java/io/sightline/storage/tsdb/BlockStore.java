package io.sightline.storage.tsdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The blocks under {@code <root>/blocks/}: the published list that queriers read (replaced whole,
 * volatile), and the changes {@code compact()} makes to it: adding cut blocks, merging, retention.
 * Every change writes the new block first and deletes old ones after publishing the new list, so a
 * crash at any point leaves data readable once: on open, unfinished {@code *.tmp} folders and
 * blocks that a compacted block lists as its sources are deleted. Changes come from the
 * compaction thread only; {@link #list()} from any thread.
 */
final class BlockStore {
    private final TsdbConfig config;
    private final Path dir;
    private final BlockCompactor compactor;
    private volatile List<Block> blocks;
    /** Head truncations waiting for the queriers of an ended epoch (compaction thread only). */
    private final List<PendingTruncation> pending = new ArrayList<>();

    private BlockStore(TsdbConfig config, Path dir, List<Block> blocks) {
        this.config = config;
        this.dir = dir;
        this.blocks = sorted(blocks);
        this.compactor = new BlockCompactor(config.blockRange().toMillis(), config.maxCompactedRangeMs());
    }

    static BlockStore open(TsdbConfig config) throws IOException {
        Path dir = config.directory().resolve("blocks");
        Files.createDirectories(dir);
        List<Path> folders;
        try (Stream<Path> list = Files.list(dir)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        List<Block> blocks = new ArrayList<>();
        for (Path folder : folders) {
            if (folder.getFileName().toString().endsWith(".tmp")) {
                BlockWriter.deleteTree(folder);
            } else {
                blocks.add(Block.open(folder));
            }
        }
        Set<String> replaced = new HashSet<>();
        for (Block block : blocks) {
            replaced.addAll(block.meta().sources());
        }
        for (Iterator<Block> it = blocks.iterator(); it.hasNext(); ) {
            Block block = it.next();
            if (replaced.contains(block.meta().id())) {
                BlockWriter.deleteTree(block.dir());
                it.remove();
            }
        }
        return new BlockStore(config, dir, blocks);
    }

    Path dir() {
        return dir;
    }

    List<Block> list() {
        return blocks;
    }

    /** The largest durable WAL index the blocks record; -1 without blocks. */
    long durableWalIndex() {
        return blocks.stream().mapToLong(b -> b.meta().durableWalIndex()).max().orElse(-1);
    }

    /** End of the newest block (exclusive): the head accepts nothing older. */
    long maxTime() {
        return blocks.stream().mapToLong(b -> b.meta().maxTime()).max().orElse(Long.MIN_VALUE);
    }

    /** Publishes a newly written block (none when {@code meta} is null). */
    void add(BlockMeta meta) throws IOException {
        if (meta != null) {
            List<Block> next = new ArrayList<>(blocks);
            next.add(Block.open(dir.resolve(meta.id())));
            blocks = sorted(next);
        }
    }

    void headTruncationDue(long before, QuerierEpochs.Epoch ended) {
        pending.add(new PendingTruncation(before, ended));
    }

    /** Runs the head truncations whose earlier queriers have all closed. */
    void truncateHead(LongConsumer truncate) {
        for (Iterator<PendingTruncation> it = pending.iterator(); it.hasNext(); ) {
            PendingTruncation due = it.next();
            if (due.ended().drained()) {
                truncate.accept(due.before());
                it.remove();
            }
        }
    }

    /** Merges blocks as {@link BlockCompactor} plans until nothing is left to merge. */
    void compact(long durableWalIndex) throws IOException {
        while (true) {
            List<Block> sources = compactor.plan(blocks, maxTime());
            if (sources.isEmpty()) {
                return;
            }
            BlockMeta meta = BlockCompactor.merge(sources, dir, durableWalIndex, config.chunkSegmentBytes(),
                    config.compactedSamplesPerChunk());
            List<Block> next = new ArrayList<>(blocks);
            next.removeAll(sources);
            next.add(Block.open(dir.resolve(meta.id())));
            blocks = sorted(next);
            for (Block source : sources) {
                BlockWriter.deleteTree(source.dir());
            }
        }
    }

    /**
     * Deletes whole blocks that ended before {@code nowMs - retentionAge}, then the oldest while all
     * are larger than retentionBytes. The newest block is always kept: its meta holds the WAL index
     * and time a restart resumes from.
     */
    void applyRetention(long nowMs) throws IOException {
        long cutoff = nowMs - config.retentionAge().toMillis();
        List<Block> next = new ArrayList<>(blocks);
        List<Block> doomed = new ArrayList<>();
        long total = next.stream().mapToLong(Block::sizeBytes).sum();
        while (next.size() > 1) {
            Block oldest = next.getFirst();
            boolean tooOld = oldest.meta().maxTime() <= cutoff;
            boolean tooBig = config.retentionBytes() > 0 && total > config.retentionBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            next.removeFirst();
            doomed.add(oldest);
            total -= oldest.sizeBytes();
        }
        if (!doomed.isEmpty()) {
            blocks = List.copyOf(next);
            for (Block block : doomed) {
                BlockWriter.deleteTree(block.dir());
            }
        }
    }

    private static List<Block> sorted(List<Block> blocks) {
        List<Block> copy = new ArrayList<>(blocks);
        copy.sort(Comparator.comparingLong((Block b) -> b.meta().minTime()));
        return List.copyOf(copy);
    }

    private record PendingTruncation(long before, QuerierEpochs.Epoch ended) {
    }
}
