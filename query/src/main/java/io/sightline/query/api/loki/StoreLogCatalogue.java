package io.sightline.query.api.loki;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.sightline.storage.logs.LogIndexStats;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * {@link LogCatalogue} over the log store's catalogue queries. The API's ranges are inclusive at
 * both ends, the store's end is exclusive: one nanosecond is added (saturating).
 */
public final class StoreLogCatalogue implements LogCatalogue {
    private final LogQuerier store;

    public StoreLogCatalogue(LogQuerier store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> selector) {
        return store.labelNames(startNanos, exclusive(endNanos), selector);
    }

    @Override
    public List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> selector) {
        return store.labelValues(name, startNanos, exclusive(endNanos), selector);
    }

    @Override
    public List<Map<String, String>> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors) {
        List<Labels> streams = store.series(startNanos, exclusive(endNanos), selectors);
        List<Map<String, String>> out = new ArrayList<>(streams.size());
        for (Labels stream : streams) {
            Map<String, String> labels = new LinkedHashMap<>();
            stream.forEach(labels::put);
            out.add(labels);
        }
        return out;
    }

    @Override
    public IndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> selector) {
        LogIndexStats stats = store.indexStats(startNanos, exclusive(endNanos), selector);
        return new IndexStats(stats.streams(), stats.chunks(), stats.entries(), stats.bytes());
    }

    private static long exclusive(long inclusiveEnd) {
        return inclusiveEnd == Long.MAX_VALUE ? inclusiveEnd : inclusiveEnd + 1;
    }
}
