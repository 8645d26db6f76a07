package io.sightline.query.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.Series;
import io.sightline.storage.tsdb.SeriesQuerier;

/**
 * A test-only {@link Queryable}: series in sorted maps, samples in primitive arrays. Stands in for
 * the TSDB head until it lands; tests obtain it only through {@code PromqlTestStorage.create()}.
 * Appends must be in time order per series. Not thread-safe for writes.
 */
public final class InMemoryQueryable implements Queryable {
    private final TreeMap<Labels, Samples> series = new TreeMap<>();

    public void append(Labels labels, long timestampMs, double value) {
        series.computeIfAbsent(labels, k -> new Samples()).add(timestampMs, value);
    }

    public void clear() {
        series.clear();
    }

    @Override
    public SeriesQuerier querier(long mintMs, long maxtMs) {
        return new SeriesQuerier() {
            @Override
            public List<Series> select(List<LabelMatcher> matchers) {
                List<Series> out = new ArrayList<>();
                for (Map.Entry<Labels, Samples> e : series.entrySet()) {
                    if (matches(e.getKey(), matchers) && e.getValue().anyIn(mintMs, maxtMs)) {
                        out.add(new RangeSeries(e.getKey(), e.getValue(), mintMs, maxtMs));
                    }
                }
                return out;
            }

            @Override
            public List<String> labelNames(List<LabelMatcher> matchers) {
                return List.of();
            }

            @Override
            public List<String> labelValues(String name, List<LabelMatcher> matchers) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    private static boolean matches(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static final class Samples {
        long[] times = new long[8];
        double[] values = new double[8];
        int size;

        void add(long t, double v) {
            if (size > 0 && t <= times[size - 1]) {
                throw new IllegalArgumentException("out of order sample at " + t);
            }
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = t;
            values[size++] = v;
        }

        /** Index of the first sample at or after t. */
        int search(long t) {
            int i = Arrays.binarySearch(times, 0, size, t);
            return i >= 0 ? i : -i - 1;
        }

        boolean anyIn(long mint, long maxt) {
            int i = search(mint);
            return i < size && times[i] <= maxt;
        }
    }

    private record RangeSeries(Labels labels, Samples samples, long mint, long maxt) implements Series {
        @Override
        public SampleIterator iterator() {
            int first = samples.search(mint);
            int end = samples.search(maxt + 1);
            return new SampleIterator() {
                private int i = first - 1;

                @Override
                public boolean next() {
                    if (i < end) {
                        i++;
                    }
                    return i < end;
                }

                @Override
                public boolean seek(long timestampMs) {
                    if (i < first) {
                        i = first;
                    }
                    if (i < end && samples.times[i] >= timestampMs) {
                        return true;
                    }
                    i = Math.max(i, Math.min(end, samples.search(timestampMs)));
                    return i < end;
                }

                @Override
                public long timestamp() {
                    return samples.times[i];
                }

                @Override
                public double value() {
                    return samples.values[i];
                }
            };
        }
    }
}
