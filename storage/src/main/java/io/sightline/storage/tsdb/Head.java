package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import io.sightline.storage.tsdb.MemSeries.HeadChunks;
import io.sightline.storage.tsdb.SampleRejectedException.Reason;
import io.sightline.storage.tsdb.chunk.BlockChunkEncoder;
import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.chunk.XorAppender;
import io.sightline.storage.tsdb.chunk.XorChunk;
import io.sightline.storage.tsdb.index.MatcherPostings;
import io.sightline.storage.tsdb.index.MemPostings;

/**
 * The in-memory part of the TSDB: the series not yet cut into a block, their chunks and postings.
 *
 * <p>Memory visibility. Every mutation happens while holding {@link #appendLock} (appends from the
 * applier's thread; cutting and truncation from {@code compact()}); so writers are serialized and
 * see each other's work. Readers never take it:
 * <ul>
 *   <li>the id table and postings are guarded by {@link #indexLock}: writers change them under the
 *       write lock (only when a series is created or dropped), readers resolve matchers under the
 *       read lock and leave with {@link MemSeries} references;</li>
 *   <li>a series' chunk list is an immutable snapshot published by a volatile write; chunks in
 *       it are finished before that write (also those {@link #reencodeSealed()} swaps in);</li>
 *   <li>the open chunk publishes each sample by a volatile write of its count after its bits.</li>
 * </ul>
 * So a reader sees every sample published before it looked, and never a torn one.
 */
final class Head {
    /**
     * Samples the open chunk's first buffer is sized for (it grows by half when full). An open
     * chunk is half full on average, so a buffer sized for the whole chunk left about a third of
     * its bytes unused in every active series; growing costs a few small copies per chunk.
     */
    private static final int OPEN_CHUNK_FIRST_SAMPLES = 16;

    final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final TsdbConfig config;
    private final long rangeMs;

    // Guarded by appendLock.
    private final Map<Labels, MemSeries> byLabels = new HashMap<>();
    private final Map<String, String> symbols = new HashMap<>();
    private final Map<String, int[]> seriesPerMetric = new HashMap<>();
    private long minValidTime = Long.MIN_VALUE;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private long droppedOutOfBounds;

    // Written under both locks, read under either.
    private MemSeries[] byId = new MemSeries[1024];
    private int nextId;
    private int seriesCount;
    private final MemPostings postings = new MemPostings();

    Head(TsdbConfig config) {
        this.config = config;
        this.rangeMs = config.blockRange().toMillis();
    }

    /** The series with these labels, created if new. Caller holds the append lock. */
    MemSeries getOrCreate(Labels labels) {
        MemSeries series = byLabels.get(labels);
        return series != null ? series : create(labels);
    }

    /** The series a reference names, or null when unknown or dropped. Caller holds the append lock. */
    MemSeries byRef(long ref) {
        return ref < 0 || ref >= nextId ? null : byId[(int) ref];
    }

    /** The series with these labels if it exists. Caller holds the append lock. */
    MemSeries get(Labels labels) {
        return byLabels.get(labels);
    }

    private MemSeries create(Labels labels) {
        checkLabelLimits(labels);
        if (config.maxSeries() > 0 && seriesCount >= config.maxSeries()) {
            throw new SampleRejectedException(Reason.TOO_MANY_SERIES, "series " + labels + " refused: the head holds "
                    + seriesCount + " series, the limit (maxSeries) is " + config.maxSeries());
        }
        String metric = labels.metricName();
        int[] perMetric = seriesPerMetric.get(metric);
        if (config.maxSeriesPerMetric() > 0 && perMetric != null && perMetric[0] >= config.maxSeriesPerMetric()) {
            throw new SampleRejectedException(Reason.TOO_MANY_SERIES_PER_METRIC, "series " + labels
                    + " refused: metric " + metric + " has " + perMetric[0] + " series, the limit (maxSeriesPerMetric) is "
                    + config.maxSeriesPerMetric());
        }
        Labels.Builder interned = Labels.builder();
        labels.forEach((name, value) -> interned.set(intern(name), intern(value)));
        MemSeries series = new MemSeries(nextId, interned.build());
        indexLock.writeLock().lock();
        try {
            if (nextId == byId.length) {
                byId = Arrays.copyOf(byId, byId.length * 2);
            }
            byId[nextId++] = series;
            seriesCount++;
            postings.add(series.id, series.labels);
        } finally {
            indexLock.writeLock().unlock();
        }
        byLabels.put(series.labels, series);
        seriesPerMetric.computeIfAbsent(intern(metric), m -> new int[1])[0]++;
        return series;
    }

    private void checkLabelLimits(Labels labels) {
        if (labels.size() > config.maxLabelCount()) {
            throw new SampleRejectedException(Reason.LABEL_LIMIT, "series " + labels + " refused: " + labels.size()
                    + " labels, the limit (maxLabelCount) is " + config.maxLabelCount());
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.name(i).length() > config.maxLabelNameLength()) {
                throw new SampleRejectedException(Reason.LABEL_LIMIT, "series " + labels + " refused: label name "
                        + labels.name(i) + " has " + labels.name(i).length()
                        + " characters, the limit (maxLabelNameLength) is " + config.maxLabelNameLength());
            }
            if (labels.value(i).length() > config.maxLabelValueLength()) {
                throw new SampleRejectedException(Reason.LABEL_LIMIT, "series " + labels + " refused: value of label "
                        + labels.name(i) + " has " + labels.value(i).length()
                        + " characters, the limit (maxLabelValueLength) is " + config.maxLabelValueLength());
            }
        }
    }

    private String intern(String s) {
        String known = symbols.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /**
     * Appends a sample; caller holds the append lock. Returns false when nothing was stored: a
     * repeat of the newest sample, or a sample older than what was already cut into blocks (then
     * counted in {@link #droppedOutOfBounds()}; during WAL replay these are the samples the blocks
     * already hold).
     */
    boolean append(MemSeries series, long t, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (t < minValidTime) {
            droppedOutOfBounds++;
            return false;
        }
        if (t <= series.lastTime) {
            if (t == series.lastTime) {
                if (bits == series.lastBits) {
                    return false;
                }
                throw new SampleRejectedException(Reason.DUPLICATE_TIMESTAMP, "series " + series.labels
                        + ": a sample at " + t + " already has value " + Double.longBitsToDouble(series.lastBits)
                        + ", refused " + v);
            }
            throw new SampleRejectedException(Reason.OUT_OF_ORDER, "series " + series.labels + ": sample at " + t
                    + " is older than the newest at " + series.lastTime + " (out-of-order window 0)");
        }
        HeadChunks chunks = series.chunks();
        XorAppender open = chunks.open();
        if (open == null || open.sampleCount() >= config.samplesPerChunk() || t >= series.openWindowEnd) {
            open = cutChunk(series, chunks, t);
        }
        open.append(t, v);
        if (open.sampleCount() >= config.samplesPerChunk()) {
            sealFull(series, open);
        }
        series.lastTime = t;
        series.lastBits = bits;
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        return true;
    }

    /**
     * Seals the open chunk, if any, as an XOR chunk, and opens a new one. Re-encoding it is left to
     * {@link #reencodeSealed()} on the compaction thread: an integer encode costs about half an
     * append per sample, too much for the append path.
     */
    private XorAppender cutChunk(MemSeries series, HeadChunks chunks, long t) {
        Chunk[] sealed = chunks.open() == null ? chunks.sealed() : plusSealed(chunks.sealed(), chunks.open());
        XorAppender open = new XorAppender(Math.min(OPEN_CHUNK_FIRST_SAMPLES, config.samplesPerChunk()));
        long windowStart = Math.floorDiv(t, rangeMs) * rangeMs;
        series.openWindowEnd = windowStart > Long.MAX_VALUE - rangeMs ? Long.MAX_VALUE : windowStart + rangeMs;
        series.publish(new HeadChunks(sealed, open));
        return open;
    }

    /**
     * Seals a chunk as soon as it is full rather than at the next sample, which the next append
     * would do anyway: a series that stops there (or is between scrapes) keeps the compact sealed
     * chunk, not the open one with its writer state and slack. The next append opens a new chunk.
     */
    private void sealFull(MemSeries series, XorAppender open) {
        series.publish(new HeadChunks(plusSealed(series.chunks().sealed(), open), null));
    }

    /** A copy of {@code sealed} with {@code open} sealed at the end. */
    private static Chunk[] plusSealed(Chunk[] sealed, XorAppender open) {
        Chunk[] out = Arrays.copyOf(sealed, sealed.length + 1);
        out[sealed.length] = open.seal();
        return out;
    }

    /**
     * Re-encodes the XOR chunks sealed since the last call ({@link BlockChunkEncoder#smaller}:
     * integer values, most of what remote_write sends, take about half the bytes as integer
     * chunks). One caller at a time ({@code Tsdb} calls it from {@code compact()}, on the
     * compaction thread); it encodes without the append lock and takes it only to publish a
     * series' new snapshot, in which the finished chunks replace the same XOR chunk objects (the
     * writer may have sealed more, or truncation dropped some, meanwhile). Readers holding the old
     * snapshot go on reading the XOR chunks.
     *
     * @return chunks replaced by a smaller encoding
     */
    int reencodeSealed() {
        int replaced = 0;
        for (MemSeries series : select(List.of())) {
            Chunk[] sealed = series.chunks().sealed();
            if (sealed.length == 0 || sealed[sealed.length - 1].maxTime() <= series.reencodedThrough) {
                continue;
            }
            Chunk[] smaller = null;
            for (int i = 0; i < sealed.length; i++) {
                if (sealed[i] instanceof XorChunk xor && xor.maxTime() > series.reencodedThrough) {
                    Chunk chunk = BlockChunkEncoder.smaller(xor);
                    if (chunk != xor) {
                        smaller = smaller == null ? sealed.clone() : smaller;
                        smaller[i] = chunk;
                        replaced++;
                    }
                }
            }
            if (smaller != null) {
                appendLock.lock();
                try {
                    replaceSealed(series, sealed, smaller);
                } finally {
                    appendLock.unlock();
                }
            }
            series.reencodedThrough = sealed[sealed.length - 1].maxTime();
        }
        return replaced;
    }

    /** Publishes the series' current snapshot with each of {@code from}'s chunks replaced by {@code to}'s. */
    private static void replaceSealed(MemSeries series, Chunk[] from, Chunk[] to) {
        HeadChunks current = series.chunks();
        Chunk[] next = current.sealed().clone();
        for (int j = 0; j < next.length; j++) {
            for (int i = 0; i < from.length; i++) {
                if (next[j] == from[i]) {
                    next[j] = to[i];
                    break;
                }
            }
        }
        series.publish(new HeadChunks(next, current.open()));
    }

    /** The block window a time lies in, as its start. */
    long windowOf(long t) {
        return Math.floorDiv(t, rangeMs) * rangeMs;
    }

    /**
     * The start of the oldest window to cut into a block, when the head spans more than 1.5 block
     * ranges past its start (so the window is complete and late samples had time to arrive);
     * Long.MIN_VALUE when nothing is due. Caller holds the append lock.
     */
    long windowDue() {
        if (minTime == Long.MAX_VALUE) {
            return Long.MIN_VALUE;
        }
        long start = windowOf(Math.max(minTime, minValidTime));
        return maxTime - start >= rangeMs + rangeMs / 2 ? start : Long.MIN_VALUE;
    }

    /**
     * Freezes [.., end): samples before {@code end} are refused from now on, so the window can be
     * read without a lock. Caller holds the append lock.
     */
    void freezeBefore(long end) {
        minValidTime = Math.max(minValidTime, end);
        minTime = Math.max(minTime, end);
        if (minTime > maxTime) {
            minTime = Long.MAX_VALUE;
        }
    }

    long minValidTime() {
        return minValidTime;
    }

    long droppedOutOfBounds() {
        return droppedOutOfBounds;
    }

    /**
     * Drops chunks ending before {@code end} (already in a block) and then series left with none.
     * Caller holds the append lock.
     */
    void truncateBefore(long end) {
        Set<Integer> emptied = new HashSet<>();
        for (MemSeries series : byLabels.values()) {
            HeadChunks chunks = series.chunks();
            int keep = 0;
            Chunk[] sealed = chunks.sealed();
            while (keep < sealed.length && sealed[keep].maxTime() < end) {
                keep++;
            }
            XorAppender open = chunks.open();
            boolean dropOpen = open != null && series.openWindowEnd <= end;
            if (keep > 0 || dropOpen) {
                HeadChunks left = new HeadChunks(Arrays.copyOfRange(sealed, keep, sealed.length), dropOpen ? null : open);
                series.publish(left);
                if (left.isEmpty()) {
                    emptied.add(series.id);
                }
            } else if (chunks.isEmpty()) {
                emptied.add(series.id);
            }
        }
        if (!emptied.isEmpty()) {
            remove(emptied);
        }
    }

    private void remove(Set<Integer> ids) {
        indexLock.writeLock().lock();
        try {
            for (int id : ids) {
                MemSeries series = byId[id];
                byId[id] = null;
                byLabels.remove(series.labels);
                int[] perMetric = seriesPerMetric.get(series.labels.metricName());
                if (perMetric != null && --perMetric[0] == 0) {
                    seriesPerMetric.remove(series.labels.metricName());
                }
            }
            seriesCount -= ids.size();
            postings.removeIf(ids::contains);
            symbols.clear();
            postings.forEachSymbol(s -> symbols.put(s, s));
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    // ---- reading, from any thread

    /** Series matching every matcher (all for none), in id order. */
    List<MemSeries> select(List<LabelMatcher> matchers) {
        indexLock.readLock().lock();
        try {
            int[] ids = MatcherPostings.select(postings, matchers);
            List<MemSeries> out = new ArrayList<>(ids.length);
            for (int id : ids) {
                MemSeries series = byId[id];
                if (series != null) {
                    out.add(series);
                }
            }
            return out;
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /** Every label name of every series. */
    void forEachName(Consumer<String> action) {
        indexLock.readLock().lock();
        try {
            postings.forEachName(action);
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /** Every value of label {@code name}. */
    void forEachValue(String name, Consumer<String> action) {
        indexLock.readLock().lock();
        try {
            postings.forEachValue(name, action);
        } finally {
            indexLock.readLock().unlock();
        }
    }

    int seriesCount() {
        indexLock.readLock().lock();
        try {
            return seriesCount;
        } finally {
            indexLock.readLock().unlock();
        }
    }
}
