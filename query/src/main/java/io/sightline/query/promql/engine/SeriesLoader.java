package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.Series;
import io.sightline.storage.tsdb.SeriesQuerier;

/**
 * Reads each selected series once per selector into primitive arrays, keeping only samples that
 * fall in some step's window {@code (starts[i], ends[i]]}: when windows do not overlap (a step
 * longer than the range) the iterator seeks over the gaps, so a long coarse query reads no more
 * than Prometheus would. Windows must not move backwards from step to step. Samples are gathered in
 * one growing scratch buffer per selector and copied out at their exact count: no repeated growth
 * per series, no slack held for the rest of the query.
 */
final class SeriesLoader {
    private static final int CHECK_EVERY_SERIES = 256;

    private SeriesLoader() {
    }

    /**
     * @param keepStale whether stale markers stay in the arrays (instant selection needs them to end
     *                  a series; range selection drops them, as Prometheus does)
     */
    static List<RangeSeries> load(Queryable queryable, List<LabelMatcher> matchers, long[] startsExclusive,
                                  long[] ends, boolean keepStale, QueryGuard guard) {
        long mint = startsExclusive[0] + 1;
        long maxt = ends[ends.length - 1];
        List<RangeSeries> out = new ArrayList<>();
        if (maxt < mint) {
            return out;
        }
        try (SeriesQuerier querier = queryable.querier(mint, maxt)) {
            List<Series> selected = querier.select(matchers);
            guard.countSeries(selected.size());
            int n = 0;
            Scratch scratch = new Scratch();
            for (Series series : selected) {
                if (++n % CHECK_EVERY_SERIES == 0) {
                    guard.check();
                }
                int size = loadOne(series, startsExclusive, ends, keepStale, scratch);
                if (size > 0) {
                    guard.acquireSamples(size);
                    out.add(new RangeSeries(series.labels(), Arrays.copyOf(scratch.times, size),
                            Arrays.copyOf(scratch.values, size), size));
                }
            }
        }
        return out;
    }

    /** Reads one series' samples into {@code scratch}, growing it as needed; returns how many. */
    private static int loadOne(Series series, long[] starts, long[] ends, boolean keepStale, Scratch scratch) {
        long[] times = scratch.times;
        double[] values = scratch.values;
        int size = 0;
        SampleIterator it = series.iterator();
        boolean has = it.seek(starts[0] + 1);
        long last = Long.MIN_VALUE;
        for (int i = 0; i < ends.length && has; i++) {
            if (it.timestamp() <= starts[i]) {
                has = it.seek(starts[i] + 1);
            }
            while (has && it.timestamp() <= ends[i]) {
                long t = it.timestamp();
                double v = it.value();
                if (t > last && (keepStale || !Sample.isStaleMarker(v))) {
                    if (size == times.length) {
                        times = Arrays.copyOf(times, size * 2);
                        values = Arrays.copyOf(values, size * 2);
                        scratch.times = times;
                        scratch.values = values;
                    }
                    times[size] = t;
                    values[size] = v;
                    size++;
                    last = t;
                }
                has = it.next();
            }
        }
        return size;
    }

    /** The growing buffers {@link #loadOne} fills, reused from series to series. */
    private static final class Scratch {
        long[] times = new long[256];
        double[] values = new double[256];
    }
}
