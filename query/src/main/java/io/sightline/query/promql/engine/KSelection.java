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
                int m = heapSelect(top, group, i, k, idx);
                final int step = i;
                // Best first for an instant query's order; the heap decided which samples are kept.
                Arrays.sort(idx, 0, m, (a, b) -> compare(top, group.get(a).values[step], group.get(b).values[step]));
                for (int j = 0; j < m; j++) {
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

    /**
     * Which samples of one group and step are kept, exactly as Prometheus decides it, ties included:
     * a heap of at most k with the worst on top (Go's container/heap), filled in input order, whose
     * top a later sample replaces only when strictly better. Writes the kept series' indexes into
     * {@code heap} and returns how many.
     */
    private static int heapSelect(boolean top, List<StepSeries> group, int step, long k, Integer[] heap) {
        int size = 0;
        for (int s = 0; s < group.size(); s++) {
            double v = group.get(s).values[step];
            if (Absent.is(v)) {
                continue;
            }
            if (size < k) {
                heap[size] = s;
                up(top, group, step, heap, size);
                size++;
            } else {
                double worst = group.get(heap[0]).values[step];
                boolean better = top ? worst < v : worst > v;
                if (better || (Double.isNaN(worst) && !Double.isNaN(v))) {
                    heap[0] = s;
                    if (k > 1 && !down(top, group, step, heap, 0, size)) {
                        up(top, group, step, heap, 0);
                    }
                }
            }
        }
        return size;
    }

    /** Prometheus's heap order: NaN first, then the worst value (smallest for topk, largest for bottomk). */
    private static boolean less(boolean top, List<StepSeries> group, int step, Integer[] heap, int i, int j) {
        double vi = group.get(heap[i]).values[step];
        double vj = group.get(heap[j]).values[step];
        if (Double.isNaN(vi)) {
            return true;
        }
        return top ? vi < vj : vi > vj;
    }

    private static void up(boolean top, List<StepSeries> group, int step, Integer[] heap, int j) {
        while (true) {
            int i = (j - 1) / 2;
            if (i == j || !less(top, group, step, heap, j, i)) {
                break;
            }
            swap(heap, i, j);
            j = i;
        }
    }

    private static boolean down(boolean top, List<StepSeries> group, int step, Integer[] heap, int i0, int n) {
        int i = i0;
        while (true) {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) {
                break;
            }
            int j = j1;
            int j2 = j1 + 1;
            if (j2 < n && less(top, group, step, heap, j2, j1)) {
                j = j2;
            }
            if (!less(top, group, step, heap, j, i)) {
                break;
            }
            swap(heap, i, j);
            i = j;
        }
        return i > i0;
    }

    private static void swap(Integer[] heap, int i, int j) {
        Integer t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
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
