package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.sightline.storage.tsdb.MemSeries.HeadChunks;
import io.sightline.storage.tsdb.chunk.Chunk;

/** Reads the head for queriers: matchers through its postings, samples through chunk snapshots. */
final class HeadReader implements SeriesReader {
    private final Head head;

    HeadReader(Head head) {
        this.head = head;
    }

    @Override
    public List<Series> select(List<LabelMatcher> matchers, long mint, long maxt) {
        List<Series> out = new ArrayList<>();
        for (MemSeries series : head.select(matchers)) {
            RangeSeries found = new RangeSeries(series.labels, chunks(series), mint, maxt);
            if (found.hasSamples()) {
                out.add(found);
            }
        }
        return out;
    }

    /** A snapshot of a series' chunks, oldest first. */
    static List<ChunkHandle> chunks(MemSeries series) {
        HeadChunks chunks = series.chunks();
        List<ChunkHandle> handles = new ArrayList<>(chunks.sealed().length + 1);
        Chunk[] sealed = chunks.sealed();
        for (int i = 0; i < sealed.length; i++) {
            handles.add(i == sealed.length - 1 ? ChunkHandle.of(sealed[i], series) : ChunkHandle.of(sealed[i]));
        }
        if (chunks.open() != null && chunks.open().sampleCount() > 0) {
            handles.add(ChunkHandle.open(chunks.open()));
        }
        return handles;
    }

    @Override
    public void labelNames(List<LabelMatcher> matchers, long mint, long maxt, Set<String> out) {
        if (matchers.isEmpty()) {
            head.forEachName(out::add);
            return;
        }
        for (Series series : select(matchers, mint, maxt)) {
            series.labels().forEach((name, value) -> out.add(name));
        }
    }

    @Override
    public void labelValues(String name, List<LabelMatcher> matchers, long mint, long maxt, Set<String> out) {
        if (matchers.isEmpty()) {
            head.forEachValue(name, out::add);
            return;
        }
        for (Series series : select(matchers, mint, maxt)) {
            String value = series.labels().get(name);
            if (!value.isEmpty()) {
                out.add(value);
            }
        }
    }
}
