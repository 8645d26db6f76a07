package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A querier over the blocks overlapping its range and the head: series with the same labels in
 * several sources are merged into one, equal timestamps deduplicated. Thread-safe; closing it
 * lets the head drop chunks it may still be reading.
 */
final class TsdbQuerier implements SeriesQuerier {
    private static final Comparator<Series> BY_LABELS = Comparator.comparing(Series::labels);

    private final List<SeriesReader> readers;
    private final long mint;
    private final long maxt;
    private final Runnable onClose;
    private boolean closed;

    /** @param readers blocks oldest first, then the head: the order equal timestamps are kept in */
    TsdbQuerier(List<SeriesReader> readers, long mint, long maxt, Runnable onClose) {
        this.readers = readers;
        this.mint = mint;
        this.maxt = maxt;
        this.onClose = onClose;
    }

    @Override
    public List<Series> select(List<LabelMatcher> matchers) {
        List<List<Series>> found = new ArrayList<>(readers.size());
        for (SeriesReader reader : readers) {
            List<Series> series = reader.select(matchers, mint, maxt);
            if (!series.isEmpty()) {
                found.add(series);
            }
        }
        if (found.size() == 1) {
            // Only one source (often the head alone, as for rules and recent dashboards): nothing to
            // merge, and a list sort of its nearly ordered ids is cheaper than a tree of labels.
            List<Series> only = found.getFirst();
            only.sort(BY_LABELS);
            return only;
        }
        Map<Labels, List<Series>> byLabels = new TreeMap<>();
        for (List<Series> part : found) {
            for (Series series : part) {
                byLabels.computeIfAbsent(series.labels(), l -> new ArrayList<>(1)).add(series);
            }
        }
        List<Series> out = new ArrayList<>(byLabels.size());
        byLabels.forEach((labels, parts) -> out.add(parts.size() == 1 ? parts.getFirst() : merged(labels, parts)));
        return out;
    }

    private static Series merged(Labels labels, List<Series> parts) {
        return new Series() {
            @Override
            public Labels labels() {
                return labels;
            }

            @Override
            public SampleIterator iterator() {
                List<SampleIterator> iterators = new ArrayList<>(parts.size());
                for (Series part : parts) {
                    iterators.add(part.iterator());
                }
                return new MergedIterator(iterators);
            }
        };
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers) {
        Set<String> names = new TreeSet<>();
        for (SeriesReader reader : readers) {
            reader.labelNames(matchers, mint, maxt, names);
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String name, List<LabelMatcher> matchers) {
        Set<String> values = new TreeSet<>();
        for (SeriesReader reader : readers) {
            reader.labelValues(name, matchers, mint, maxt, values);
        }
        return List.copyOf(values);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
