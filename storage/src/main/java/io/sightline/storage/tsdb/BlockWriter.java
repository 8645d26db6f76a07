package io.sightline.storage.tsdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sightline.storage.tsdb.chunk.Chunk;

/**
 * Writes one block into a temporary folder beside its final place, then renames it there
 * atomically, so a crash leaves either no block or a whole one (layouts in docs/format/tsdb-*.md).
 * Series must be added in label order; their chunks go to disk at once, only labels and chunk
 * positions stay in memory for the index. Not thread-safe.
 */
final class BlockWriter implements AutoCloseable {
    static final String CHUNKS_FORMAT = "tsdb-chunks";
    /** 2 added integer chunks (encoding 2); version 1 segments hold XOR chunks only and still read. */
    static final int CHUNKS_VERSION = 2;
    /** The oldest chunk segment version readers accept. */
    static final int CHUNKS_MIN_VERSION = 1;
    static final String INDEX_FORMAT = "tsdb-index";
    static final int INDEX_VERSION = 1;

    private final Path tmp;
    private final long segmentBytes;
    private EnvelopedOutput segment;
    private int segmentNumber;
    private final List<Labels> series = new ArrayList<>();
    private final List<long[]> chunkMetas = new ArrayList<>();
    private long chunkCount;
    private long sampleCount;

    BlockWriter(Path blocksDir, String id, long segmentBytes) throws IOException {
        this.tmp = blocksDir.resolve(id + ".tmp");
        this.segmentBytes = segmentBytes;
        Files.createDirectories(tmp.resolve("chunks"));
    }

    /** Adds a series with its chunks, oldest first; series come in label order. */
    void add(Labels labels, List<? extends Chunk> chunks) throws IOException {
        if (chunks.isEmpty()) {
            return;
        }
        if (!series.isEmpty() && series.getLast().compareTo(labels) >= 0) {
            throw new IllegalArgumentException("series out of order: " + labels + " after " + series.getLast());
        }
        long[] metas = new long[chunks.size() * 3];
        int i = 0;
        for (Chunk chunk : chunks) {
            byte[] bytes = chunk.bytes();
            if (segment == null || segment.position() + bytes.length + 16 > segmentBytes) {
                nextSegment();
            }
            metas[i++] = chunk.minTime();
            metas[i++] = chunk.maxTime();
            metas[i++] = ((long) segmentNumber << 32) | segment.position();
            Varint.writeUnsigned(segment, bytes.length);
            segment.write(chunk.encoding());
            segment.write(bytes);
            chunkCount++;
            sampleCount += chunk.sampleCount();
        }
        series.add(labels);
        chunkMetas.add(metas);
    }

    private void nextSegment() throws IOException {
        if (segment != null) {
            segment.finish();
        }
        segmentNumber++;
        segment = new EnvelopedOutput(tmp.resolve("chunks").resolve(String.format("%06d", segmentNumber)),
                CHUNKS_FORMAT, CHUNKS_VERSION);
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /** Writes index and meta, forces everything to disk, renames the folder into place. */
    BlockMeta finish(String id, long minTime, long maxTime, int level, List<String> sources, long durableWalIndex)
            throws IOException {
        if (segment != null) {
            segment.finish();
            segment = null;
        }
        writeIndex();
        BlockMeta meta = new BlockMeta(id, minTime, maxTime, series.size(), chunkCount, sampleCount, level, sources,
                durableWalIndex);
        try (FileChannel out = FileChannel.open(tmp.resolve("meta.json"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(meta.toJson().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        forceDirectory(tmp.resolve("chunks"));
        forceDirectory(tmp);
        Path target = tmp.resolveSibling(id);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
        return meta;
    }

    private void writeIndex() throws IOException {
        TreeSet<String> symbolSet = new TreeSet<>();
        Map<String, Map<String, List<Integer>>> postings = new TreeMap<>();
        for (int id = 0; id < series.size(); id++) {
            int seriesId = id;
            series.get(id).forEach((name, value) -> {
                symbolSet.add(name);
                symbolSet.add(value);
                postings.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(value, v -> new ArrayList<>()).add(seriesId);
            });
        }
        Map<String, Integer> symbols = new HashMap<>();
        try (EnvelopedOutput out = new EnvelopedOutput(tmp.resolve("index"), INDEX_FORMAT, INDEX_VERSION)) {
            Varint.writeUnsigned(out, symbolSet.size());
            for (String symbol : symbolSet) {
                symbols.put(symbol, symbols.size());
                byte[] utf8 = symbol.getBytes(StandardCharsets.UTF_8);
                Varint.writeUnsigned(out, utf8.length);
                out.write(utf8);
            }
            Varint.writeUnsigned(out, series.size());
            for (int id = 0; id < series.size(); id++) {
                Labels labels = series.get(id);
                Varint.writeUnsigned(out, labels.size());
                for (int l = 0; l < labels.size(); l++) {
                    Varint.writeUnsigned(out, symbols.get(labels.name(l)));
                    Varint.writeUnsigned(out, symbols.get(labels.value(l)));
                }
                long[] metas = chunkMetas.get(id);
                Varint.writeUnsigned(out, metas.length / 3);
                long previousMax = 0;
                for (int c = 0; c < metas.length; c += 3) {
                    Varint.writeSigned(out, metas[c] - previousMax);
                    Varint.writeUnsigned(out, metas[c + 1] - metas[c]);
                    Varint.writeUnsigned(out, metas[c + 2]);
                    previousMax = metas[c + 1];
                }
            }
            int pairs = 0;
            for (Map<String, List<Integer>> values : postings.values()) {
                pairs += values.size();
            }
            Varint.writeUnsigned(out, pairs);
            for (Map.Entry<String, Map<String, List<Integer>>> name : postings.entrySet()) {
                for (Map.Entry<String, List<Integer>> value : name.getValue().entrySet()) {
                    Varint.writeUnsigned(out, symbols.get(name.getKey()));
                    Varint.writeUnsigned(out, symbols.get(value.getKey()));
                    Varint.writeUnsigned(out, value.getValue().size());
                    int previous = 0;
                    for (int id : value.getValue()) {
                        Varint.writeUnsigned(out, id - previous);
                        previous = id;
                    }
                }
            }
            out.finish();
        }
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Removes the temporary folder of an unfinished block. */
    @Override
    public void close() throws IOException {
        if (segment != null) {
            segment.close();
        }
        if (Files.exists(tmp)) {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static String idOf(long minTime, long maxTime) {
        return String.format("%016x-%016x", minTime, maxTime);
    }
}
