package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.promql.parser.Numbers;
import io.sightline.storage.tsdb.Labels;

/**
 * {@code histogram_quantile} over classic {@code _bucket} series, as Prometheus 3: buckets grouped
 * by their labels without {@code le} (and the name), sorted by bound, equal bounds merged, the
 * {@code +Inf} bucket required, counts forced monotonic (tiny float differences silently, real
 * decreases with an info), then linear interpolation inside the bucket holding the rank. Group
 * membership and {@code le} parsing happen once per series; the quantile once per group and step.
 */
final class HistogramQuantile {
    /** Relative difference below which Prometheus treats two bucket counts as equal. */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;
    private static final double MIN_NORMAL = Double.MIN_NORMAL;

    private HistogramQuantile() {
    }

    static VectorSteps eval(Evaluator ev, double[] q, VectorSteps input, int n) {
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        Map<StepSeries, Double> bounds = new java.util.IdentityHashMap<>();
        for (StepSeries s : input.series()) {
            String le = s.labels.get("le");
            double bound;
            try {
                bound = parseBound(le);
            } catch (NumberFormatException e) {
                ev.annotations.warn("bucket label \"le\" is missing or has a malformed value of " + GoStrings.quote(le)
                        + " for metric name " + GoStrings.quote(s.labels.metricName()));
                continue;
            }
            bounds.put(s, bound);
            Labels group = s.labels.without(List.of("le", Labels.METRIC_NAME));
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(s);
        }
        List<StepSeries> out = new ArrayList<>();
        Set<Integer> warned = new HashSet<>();
        for (Map.Entry<Labels, List<StepSeries>> group : groups.entrySet()) {
            List<StepSeries> buckets = group.getValue();
            double[] upper = new double[buckets.size()];
            double[] count = new double[buckets.size()];
            double[] result = Absent.array(n);
            for (int i = 0; i < n; i++) {
                int m = 0;
                for (StepSeries b : buckets) {
                    if (!Absent.is(b.values[i])) {
                        upper[m] = bounds.get(b);
                        count[m++] = b.values[i];
                    }
                }
                if (m == 0) {
                    continue;
                }
                if ((q[i] < 0 || q[i] > 1) && warned.add(i)) {
                    ev.annotations.warn("quantile value should be between 0 and 1, got " + Numbers.format(q[i]));
                }
                boolean[] forced = new boolean[1];
                result[i] = bucketQuantile(q[i], upper, count, m, forced);
                if (forced[0]) {
                    ev.annotations.info("input to histogram_quantile needed to be fixed for monotonicity (see "
                            + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) "
                            + "for metric name " + GoStrings.quote(buckets.getFirst().labels.metricName()));
                }
            }
            out.add(new StepSeries(group.getKey(), result));
        }
        return new VectorSteps(out);
    }

    /** Go's ParseFloat for an {@code le} value: decimal, {@code +Inf}/{@code Inf}/{@code NaN} in any case. */
    static double parseBound(String le) {
        String s = le.toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "+inf", "inf", "+infinity", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                if (s.isEmpty() || !s.matches("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:e[+-]?[0-9]+)?")) {
                    throw new NumberFormatException(le);
                }
                return Double.parseDouble(le);
            }
        }
    }

    /** The quantile of {@code m} buckets given as parallel arrays (reordered in place). */
    static double bucketQuantile(double q, double[] upper, double[] count, int m, boolean[] forcedMonotonic) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortByBound(upper, count, m);
        if (upper[m - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        m = coalesce(upper, count, m);
        forcedMonotonic[0] = ensureMonotonic(count, m);
        if (m < 2) {
            return Double.NaN;
        }
        double observations = count[m - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < m - 1 && !(count[b] >= rank)) {
            b++;
        }
        if (b == m - 1) {
            return upper[m - 2];
        }
        if (b == 0 && upper[0] <= 0) {
            return upper[0];
        }
        double bucketStart = 0;
        double bucketEnd = upper[b];
        double c = count[b];
        if (b > 0) {
            bucketStart = upper[b - 1];
            c -= count[b - 1];
            rank -= count[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / c);
    }

    private static void sortByBound(double[] upper, double[] count, int m) {
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(upper[a], upper[b]));
        double[] u = Arrays.copyOf(upper, m);
        double[] c = Arrays.copyOf(count, m);
        for (int i = 0; i < m; i++) {
            upper[i] = u[idx[i]];
            count[i] = c[idx[i]];
        }
    }

    private static int coalesce(double[] upper, double[] count, int m) {
        int w = 0;
        for (int i = 1; i < m; i++) {
            if (upper[i] == upper[w]) {
                count[w] += count[i];
            } else {
                w++;
                upper[w] = upper[i];
                count[w] = count[i];
            }
        }
        return w + 1;
    }

    private static boolean ensureMonotonic(double[] count, int m) {
        boolean forced = false;
        double prev = count[0];
        for (int i = 1; i < m; i++) {
            double curr = count[i];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr)) {
                count[i] = prev;
                continue;
            }
            if (curr < prev) {
                count[i] = prev;
                forced = true;
                continue;
            }
            prev = curr;
        }
        return forced;
    }

    private static boolean almostEqual(double a, double b) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            return diff < SMALL_DELTA_TOLERANCE * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < SMALL_DELTA_TOLERANCE;
    }
}
