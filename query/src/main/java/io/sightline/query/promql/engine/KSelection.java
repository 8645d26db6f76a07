package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.storage.tsdb.Labels;

/**
 * {@code topk} and {@code bottomk}: at each step the k largest (smallest) samples of each group,
 * NaN counting as the worst. Selected samples keep their labels. For an instant query the output is
 * ordered as Prometheus orders it: group by group, best first.
 */
final class KSelection {
    private KSelection() {
    }

    static VectorSteps select(boolean top, VectorSteps input, Map<Labels, List<StepSeries>> groups, double[] param,
                              int n) {
        Map<StepSeries, double[]> selected = new IdentityHashMap<>();
        List<StepSeries> order = new ArrayList<>();
        for (List<StepSeries> group : groups.values()) {
            Integer[] idx = new Integer[group.size()];
            for (int i = 0; i < n; i++) {
                long k = toK(param[i]);
                if (k < 1) {
                    continue;
                }
                int m = 0;
                for (int s = 0; s < group.size(); s++) {
                    if (!Absent.is(group.get(s).values[i])) {
                        idx[m++] = s;
                    }
                }
                final int step = i;
                Arrays.sort(idx, 0, m, (a, b) -> compare(top, group.get(a).values[step], group.get(b).values[step]));
                for (int j = 0; j < Math.min(k, m); j++) {
                    StepSeries s = group.get(idx[j]);
                    double[] out = selected.get(s);
                    if (out == null) {
                        out = Absent.array(n);
                        selected.put(s, out);
                        if (n != 1) {
                            order.add(s);
                        }
                    }
                    out[i] = s.values[i];
                    if (n == 1) {
                        order.add(s);
                    }
                }
            }
        }
        List<StepSeries> result = new ArrayList<>(order.size());
        for (StepSeries s : order) {
            result.add(new StepSeries(s.labels, selected.get(s)));
        }
        return new VectorSteps(result);
    }

    /** Best first: larger (top) or smaller (bottom) values; NaN last either way. */
    private static int compare(boolean top, double a, double b) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return Boolean.compare(an, bn);
        }
        return top ? Double.compare(b, a) : Double.compare(a, b);
    }

    static long toK(double param) {
        if (Double.isNaN(param) || param >= 0x1p63 || param < -0x1p63) {
            throw new PromqlException(ErrorType.EXECUTION, "Scalar value " + param + " overflows int64");
        }
        return (long) param;
    }
}
