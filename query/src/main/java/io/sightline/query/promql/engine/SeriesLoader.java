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
 * than Prometheus would. Windows must not move backwards from step to step.
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
            for (Series series : selected) {
                if (++n % CHECK_EVERY_SERIES == 0) {
                    guard.check();
                }
                RangeSeries loaded = loadOne(series, startsExclusive, ends, keepStale);
                if (loaded.size() > 0) {
                    guard.acquireSamples(loaded.size());
                    out.add(loaded);
                }
            }
        }
        return out;
    }

    private static RangeSeries loadOne(Series series, long[] starts, long[] ends, boolean keepStale) {
        long[] times = new long[16];
        double[] values = new double[16];
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
                    }
                    times[size] = t;
                    values[size] = v;
                    size++;
                    last = t;
                }
                has = it.next();
            }
        }
        return new RangeSeries(series.labels(), times, values, size);
    }
}
