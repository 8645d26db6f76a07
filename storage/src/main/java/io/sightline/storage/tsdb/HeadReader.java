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
            RangeSeries found = new RangeSeries(series.labels, chunks(series, mint, maxt), mint, maxt);
            if (found.hasSamples()) {
                out.add(found);
            }
        }
        return out;
    }

    /**
     * A snapshot of a series' chunks that may hold samples in [mint, maxt], oldest first: a query of
     * the last minutes reads one or two of the head's chunks, and needs no handle for the others.
     */
    static List<ChunkHandle> chunks(MemSeries series, long mint, long maxt) {
        HeadChunks chunks = series.chunks();
        Chunk[] sealed = chunks.sealed();
        List<ChunkHandle> handles = new ArrayList<>(Math.min(sealed.length + 1, 4));
        for (int i = 0; i < sealed.length; i++) {
            if (sealed[i].maxTime() < mint || sealed[i].minTime() > maxt) {
                continue;
            }
            handles.add(i == sealed.length - 1 ? ChunkHandle.of(sealed[i], series) : ChunkHandle.of(sealed[i]));
        }
        if (chunks.open() != null && chunks.open().sampleCount() > 0 && chunks.open().minTime() <= maxt) {
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
