package io.sightline.storage.tsdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.index.LabelIndex;
import io.sightline.storage.tsdb.index.MatcherPostings;
import io.sightline.storage.tsdb.index.Postings;

/**
 * An immutable block opened for reading: its index (symbols, series with chunk positions,
 * postings) decoded into memory, its chunk segments memory-mapped. Mappings are released by the
 * garbage collector, never explicitly, so a querier still reading a block that compaction or
 * retention deleted keeps working (the files stay readable while mapped). Thread-safe.
 */
final class Block implements SeriesReader, LabelIndex {
    private final Path dir;
    private final BlockMeta meta;
    private final long sizeBytes;
    private final Labels[] series;
    /** Per series: minTime, maxTime, ref (segment << 32 | offset) of each chunk. */
    private final long[][] chunkMetas;
    private final Map<String, Map<String, int[]>> postings;
    private final int[] all;
    private final ByteBuffer[] segments;

    private Block(Path dir, BlockMeta meta, long sizeBytes, Labels[] series, long[][] chunkMetas,
                  Map<String, Map<String, int[]>> postings, ByteBuffer[] segments) {
        this.dir = dir;
        this.meta = meta;
        this.sizeBytes = sizeBytes;
        this.series = series;
        this.chunkMetas = chunkMetas;
        this.postings = postings;
        this.segments = segments;
        this.all = new int[series.length];
        Arrays.setAll(all, i -> i);
    }

    /** @throws CorruptFileException when a file fails its checks */
    static Block open(Path dir) throws IOException {
        Path metaFile = dir.resolve("meta.json");
        BlockMeta meta = BlockMeta.parse(metaFile, Files.readAllBytes(metaFile));
        List<Path> segmentFiles;
        try (Stream<Path> files = Files.list(dir.resolve("chunks"))) {
            segmentFiles = files.sorted().toList();
        }
        ByteBuffer[] segments = new ByteBuffer[segmentFiles.size() + 1];
        long size = Files.size(metaFile);
        for (int i = 0; i < segmentFiles.size(); i++) {
            Path file = segmentFiles.get(i);
            int number = Integer.parseInt(file.getFileName().toString());
            if (number != i + 1) {
                throw new CorruptFileException(file, "chunk segment " + String.format("%06d", i + 1), "segment " + number);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                FileEnvelope.check(file, mapped, BlockWriter.CHUNKS_FORMAT, BlockWriter.CHUNKS_MIN_VERSION,
                        BlockWriter.CHUNKS_VERSION);
                segments[number] = mapped;
                size += channel.size();
            }
        }
        Path indexFile = dir.resolve("index");
        byte[] indexBytes = Files.readAllBytes(indexFile);
        size += indexBytes.length;
        ByteBuffer in = ByteBuffer.wrap(indexBytes);
        FileEnvelope.check(indexFile, in, BlockWriter.INDEX_FORMAT, 1, BlockWriter.INDEX_VERSION);
        try {
            return read(dir, meta, size, in, segments);
        } catch (RuntimeException e) {
            if (e instanceof CorruptFileException) {
                throw e;
            }
            throw new CorruptFileException(indexFile, "a readable index body", e.toString());
        }
    }

    private static Block read(Path dir, BlockMeta meta, long size, ByteBuffer in, ByteBuffer[] segments) {
        String[] symbols = new String[Varint.readInt(in)];
        for (int i = 0; i < symbols.length; i++) {
            byte[] utf8 = new byte[Varint.readInt(in)];
            in.get(utf8);
            symbols[i] = new String(utf8, StandardCharsets.UTF_8);
        }
        Labels[] series = new Labels[Varint.readInt(in)];
        long[][] chunkMetas = new long[series.length][];
        for (int s = 0; s < series.length; s++) {
            int labelCount = Varint.readInt(in);
            Labels.Builder labels = Labels.builder();
            for (int l = 0; l < labelCount; l++) {
                labels.set(symbols[Varint.readInt(in)], symbols[Varint.readInt(in)]);
            }
            series[s] = labels.build();
            long[] metas = new long[Varint.readInt(in) * 3];
            long previousMax = 0;
            for (int c = 0; c < metas.length; c += 3) {
                metas[c] = previousMax + Varint.readSigned(in);
                metas[c + 1] = metas[c] + Varint.readUnsigned(in);
                metas[c + 2] = Varint.readUnsigned(in);
                previousMax = metas[c + 1];
            }
            chunkMetas[s] = metas;
        }
        Map<String, Map<String, int[]>> postings = new HashMap<>();
        int pairs = Varint.readInt(in);
        for (int p = 0; p < pairs; p++) {
            String name = symbols[Varint.readInt(in)];
            String value = symbols[Varint.readInt(in)];
            int[] ids = new int[Varint.readInt(in)];
            int id = 0;
            for (int i = 0; i < ids.length; i++) {
                id += Varint.readInt(in);
                ids[i] = id;
            }
            postings.computeIfAbsent(name, n -> new HashMap<>()).put(value, ids);
        }
        return new Block(dir, meta, size, series, chunkMetas, postings, segments);
    }

    BlockMeta meta() {
        return meta;
    }

    Path dir() {
        return dir;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    int seriesCount() {
        return series.length;
    }

    Labels labels(int id) {
        return series[id];
    }

    /** The chunks of series {@code id}, decoded from the mapped segments. */
    List<Chunk> chunks(int id) {
        long[] metas = chunkMetas[id];
        List<Chunk> chunks = new ArrayList<>(metas.length / 3);
        for (int c = 0; c < metas.length; c += 3) {
            chunks.add(chunk(metas[c], metas[c + 1], metas[c + 2]));
        }
        return chunks;
    }

    private Chunk chunk(long minTime, long maxTime, long ref) {
        ByteBuffer segment = segments[(int) (ref >>> 32)].duplicate();
        segment.position((int) ref);
        int length = Varint.readInt(segment);
        byte encoding = segment.get();
        byte[] bytes = new byte[length];
        segment.get(bytes);
        try {
            return Chunk.of(encoding, bytes, minTime, maxTime);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(dir.resolve("chunks"), "chunk encoding " + Chunk.XOR + " or " + Chunk.INT,
                    e.getMessage() + " at " + ref);
        }
    }

    private ChunkHandle handle(long minTime, long maxTime, long ref) {
        return new ChunkHandle() {
            @Override
            public long minTime() {
                return minTime;
            }

            @Override
            public long maxTime() {
                return maxTime;
            }

            @Override
            public SampleIterator iterator() {
                return chunk(minTime, maxTime, ref).iterator();
            }
        };
    }

    boolean overlaps(long mint, long maxt) {
        return meta.minTime() <= maxt && meta.maxTime() > mint;
    }

    // ---- SeriesReader

    @Override
    public List<Series> select(List<LabelMatcher> matchers, long mint, long maxt) {
        List<Series> out = new ArrayList<>();
        for (int id : MatcherPostings.select(this, matchers)) {
            long[] metas = chunkMetas[id];
            List<ChunkHandle> handles = new ArrayList<>(metas.length / 3);
            for (int c = 0; c < metas.length; c += 3) {
                if (metas[c + 1] >= mint && metas[c] <= maxt) {
                    handles.add(handle(metas[c], metas[c + 1], metas[c + 2]));
                }
            }
            if (!handles.isEmpty()) {
                RangeSeries found = new RangeSeries(series[id], handles, mint, maxt);
                if (found.hasSamples()) {
                    out.add(found);
                }
            }
        }
        return out;
    }

    @Override
    public void labelNames(List<LabelMatcher> matchers, long mint, long maxt, Set<String> out) {
        if (matchers.isEmpty()) {
            out.addAll(postings.keySet());
            return;
        }
        for (int id : MatcherPostings.select(this, matchers)) {
            series[id].forEach((name, value) -> out.add(name));
        }
    }

    @Override
    public void labelValues(String name, List<LabelMatcher> matchers, long mint, long maxt, Set<String> out) {
        if (matchers.isEmpty()) {
            forEachValue(name, out::add);
            return;
        }
        for (int id : MatcherPostings.select(this, matchers)) {
            String value = series[id].get(name);
            if (!value.isEmpty()) {
                out.add(value);
            }
        }
    }

    // ---- LabelIndex

    @Override
    public int[] allPostings() {
        return all;
    }

    @Override
    public int[] postings(String name, String value) {
        Map<String, int[]> values = postings.get(name);
        int[] ids = values == null ? null : values.get(value);
        return ids == null ? Postings.EMPTY : ids;
    }

    @Override
    public void forEachValue(String name, Consumer<String> action) {
        Map<String, int[]> values = postings.get(name);
        if (values != null) {
            values.keySet().forEach(action);
        }
    }

    @Override
    public void forEachName(Consumer<String> action) {
        postings.keySet().forEach(action);
    }
}
