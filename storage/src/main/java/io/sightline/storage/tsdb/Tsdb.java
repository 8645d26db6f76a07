package io.sightline.storage.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The TSDB: an in-memory head of recent samples in Gorilla chunks, immutable blocks on disk cut
 * from it, their compaction and retention. The metrics applier appends and commits from one thread
 * (appends are serialized by a lock, so more threads would be safe but gain nothing); queriers are
 * opened and used from any number of threads; {@link #compact()} is called periodically by the
 * owner from a background thread. See storage/README.md ("The TSDB").
 */
public final class Tsdb implements SeriesAppender, Queryable, ExemplarQueryable, MetadataQueryable, AutoCloseable {
    private final TsdbConfig config;
    private final InstantSource clock;
    private final Head head;
    private final HeadReader headReader;
    private final WalWatermark watermark;
    private final ExemplarStore exemplars;
    private final MetadataStore metadata;
    private final BlockStore blocks;
    private final QuerierEpochs epochs = new QuerierEpochs();
    private final Object compacting = new Object();
    private volatile boolean closed;

    private Tsdb(TsdbConfig config, InstantSource clock, BlockStore blocks) {
        this.config = config;
        this.clock = clock;
        this.blocks = blocks;
        this.head = new Head(config);
        this.headReader = new HeadReader(head);
        this.watermark = new WalWatermark(blocks.durableWalIndex());
        this.exemplars = new ExemplarStore(config.maxExemplars());
        this.metadata = new MetadataStore(config.maxSeries());
        head.appendLock.lock();
        try {
            head.freezeBefore(blocks.maxTime());
        } finally {
            head.appendLock.unlock();
        }
    }

    /**
     * Opens (creating if needed) the TSDB in {@code config.directory()}: loads its blocks, with an
     * empty head. The caller then replays the WAL after {@link #durableWalIndex()}.
     *
     * @throws CorruptFileException when a block file fails its checks
     */
    public static Tsdb open(TsdbConfig config, InstantSource clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        try {
            return new Tsdb(config, clock, BlockStore.open(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the TSDB in " + config.directory(), e);
        }
    }

    public TsdbConfig config() {
        return config;
    }

    // ---- writing

    @Override
    public void append(Labels labels, long timestampMs, double value) {
        head.appendLock.lock();
        try {
            checkOpen();
            appendLocked(head.getOrCreate(labels), timestampMs, value);
        } finally {
            head.appendLock.unlock();
        }
    }

    @Override
    public long seriesRef(Labels labels) {
        head.appendLock.lock();
        try {
            checkOpen();
            return head.getOrCreate(labels).id;
        } finally {
            head.appendLock.unlock();
        }
    }

    @Override
    public boolean append(long seriesRef, long timestampMs, double value) {
        head.appendLock.lock();
        try {
            checkOpen();
            MemSeries series = head.byRef(seriesRef);
            if (series == null) {
                return false;
            }
            appendLocked(series, timestampMs, value);
            return true;
        } finally {
            head.appendLock.unlock();
        }
    }

    private void appendLocked(MemSeries series, long t, double v) {
        if (head.append(series, t, v)) {
            watermark.touched(head.windowOf(t));
        }
    }

    @Override
    public void appendExemplar(Labels series, Exemplar exemplar) {
        Labels interned = series;
        head.appendLock.lock();
        try {
            MemSeries known = head.get(series);
            if (known != null) {
                interned = known.labels;
            }
        } finally {
            head.appendLock.unlock();
        }
        exemplars.add(interned, exemplar);
    }

    @Override
    public void updateMetadata(MetricMetadata metadata) {
        this.metadata.update(metadata);
    }

    @Override
    public void commit(long walIndex) {
        head.appendLock.lock();
        try {
            watermark.commit(walIndex);
        } finally {
            head.appendLock.unlock();
        }
    }

    @Override
    public long durableWalIndex() {
        head.appendLock.lock();
        try {
            return watermark.durable();
        } finally {
            head.appendLock.unlock();
        }
    }

    /** Samples dropped because blocks already cover their time (replayed WAL entries, late data). */
    public long samplesDroppedOutOfBounds() {
        head.appendLock.lock();
        try {
            return head.droppedOutOfBounds();
        } finally {
            head.appendLock.unlock();
        }
    }

    /** Series in the head now. */
    public int headSeries() {
        return head.seriesCount();
    }

    // ---- reading

    @Override
    public SeriesQuerier querier(long mintMs, long maxtMs) {
        checkOpen();
        QuerierEpochs.Epoch epoch = epochs.enter();
        List<SeriesReader> readers = new ArrayList<>();
        for (Block block : blocks.list()) {
            if (block.overlaps(mintMs, maxtMs)) {
                readers.add(block);
            }
        }
        readers.add(headReader);
        return new TsdbQuerier(readers, mintMs, maxtMs, epoch::exit);
    }

    /** Blocks on disk now, oldest first. */
    public List<BlockInfo> blocks() {
        return blocks.list().stream().map(b -> new BlockInfo(b.meta().id(), b.meta().minTime(), b.meta().maxTime(),
                b.meta().level(), b.meta().samples(), b.sizeBytes())).toList();
    }

    /** What {@link #blocks()} reports of a block: range [minTime, maxTime) in Unix ms, size in bytes. */
    public record BlockInfo(String id, long minTime, long maxTime, int level, long samples, long sizeBytes) {
    }

    // ---- background work

    /**
     * The owner's periodic background step (every minute, say): re-encodes the head chunks sealed
     * since the last step where a smaller encoding fits, cuts head windows that are due
     * into blocks, drops what the blocks now hold from the head (once queriers that may read it
     * have closed), merges adjacent blocks, and applies retention. One call at a time; appends and
     * queries go on meanwhile.
     */
    public void compact() {
        synchronized (compacting) {
            checkOpen();
            try {
                head.reencodeSealed();
                cutHead();
                blocks.truncateHead(this::truncateHead);
                blocks.compact(durableWalIndex());
                blocks.applyRetention(clock.millis());
            } catch (IOException e) {
                throw new UncheckedIOException("TSDB compaction in " + config.directory() + " failed", e);
            }
        }
    }

    /**
     * Only the first step of {@link #compact()}: smaller encodings for the head chunks sealed
     * since the last step. For measurements and tests that want the head as it settles between
     * compactions without cutting blocks.
     *
     * @return chunks replaced
     */
    int reencodeHeadChunks() {
        synchronized (compacting) {
            checkOpen();
            return head.reencodeSealed();
        }
    }

    private void cutHead() throws IOException {
        long range = config.blockRange().toMillis();
        while (true) {
            long start;
            long durable;
            head.appendLock.lock();
            try {
                start = head.windowDue();
                if (start == Long.MIN_VALUE) {
                    return;
                }
                head.freezeBefore(start + range);
                durable = watermark.durableWithout(start);
            } finally {
                head.appendLock.unlock();
            }
            blocks.add(HeadCut.write(head, blocks.dir(), start, start + range, durable, config.chunkSegmentBytes(),
                    config.compactedSamplesPerChunk()));
            head.appendLock.lock();
            try {
                watermark.persisted(start);
            } finally {
                head.appendLock.unlock();
            }
            blocks.headTruncationDue(start + range, epochs.advance());
        }
    }

    private void truncateHead(long before) {
        head.appendLock.lock();
        try {
            head.truncateBefore(before);
        } finally {
            head.appendLock.unlock();
        }
    }

    @Override
    public List<SeriesExemplars> exemplars(long mintMs, long maxtMs, List<List<LabelMatcher>> selectors) {
        return exemplars.query(mintMs, maxtMs, selectors);
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        return metadata.query(metric, limit);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the TSDB in " + config.directory() + " is closed");
        }
    }

    /** Stops; writes nothing (the head is rebuilt from the WAL on the next open). */
    @Override
    public void close() {
        synchronized (compacting) {
            closed = true;
        }
    }
}
