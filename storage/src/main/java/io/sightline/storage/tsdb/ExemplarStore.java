package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exemplars in a circular buffer of fixed capacity: the newest overwrite the oldest, so memory is
 * bounded whatever senders do (as Prometheus's exemplar storage). Kept in memory only: after a
 * restart, exemplars come back with the WAL replay of the head. Thread-safe (one monitor: appends
 * are rare next to samples, and a query scans at most the capacity).
 */
final class ExemplarStore {
    private final Labels[] series;
    private final Exemplar[] exemplars;
    private int next;
    private int size;

    ExemplarStore(int capacity) {
        series = new Labels[capacity];
        exemplars = new Exemplar[capacity];
    }

    synchronized void add(Labels seriesLabels, Exemplar exemplar) {
        if (series.length == 0) {
            return;
        }
        int last = (next - 1 + series.length) % series.length;
        if (size > 0 && exemplars[last].equals(exemplar) && series[last].equals(seriesLabels)) {
            return; // the same exemplar sent again with the next sample
        }
        series[next] = seriesLabels;
        exemplars[next] = exemplar;
        next = (next + 1) % series.length;
        size = Math.min(size + 1, series.length);
    }

    synchronized List<SeriesExemplars> query(long mint, long maxt, List<List<LabelMatcher>> selectors) {
        Map<Labels, List<Exemplar>> found = new TreeMap<>();
        int start = (next - size + series.length) % Math.max(1, series.length);
        for (int k = 0; k < size; k++) {
            int i = (start + k) % series.length;
            Exemplar exemplar = exemplars[i];
            if (exemplar.timestampMs() < mint || exemplar.timestampMs() > maxt || !matchesAny(series[i], selectors)) {
                continue;
            }
            found.computeIfAbsent(series[i], l -> new ArrayList<>()).add(exemplar);
        }
        List<SeriesExemplars> out = new ArrayList<>(found.size());
        found.forEach((labels, list) -> {
            list.sort((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
            out.add(new SeriesExemplars(labels, list));
        });
        return out;
    }

    private static boolean matchesAny(Labels labels, List<List<LabelMatcher>> selectors) {
        for (List<LabelMatcher> selector : selectors) {
            boolean all = true;
            for (LabelMatcher m : selector) {
                if (!m.matches(labels.get(m.name()))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
