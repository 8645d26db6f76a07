package io.sightline.storage.tsdb;

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
    private volatile boolean closed;

    private Tsdb(TsdbConfig config, InstantSource clock, long durableWalIndex) {
        this.config = config;
        this.clock = clock;
        this.head = new Head(config);
        this.headReader = new HeadReader(head);
        this.watermark = new WalWatermark(durableWalIndex);
        this.exemplars = new ExemplarStore(config.maxExemplars());
        this.metadata = new MetadataStore(config.maxSeries());
    }

    /** Opens (creating if needed) the TSDB in {@code config.directory()}. */
    public static Tsdb open(TsdbConfig config, InstantSource clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return new Tsdb(config, clock, -1);
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
        List<SeriesReader> readers = new ArrayList<>();
        readers.add(headReader);
        return new TsdbQuerier(readers, mintMs, maxtMs, () -> { });
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
        closed = true;
    }
}
