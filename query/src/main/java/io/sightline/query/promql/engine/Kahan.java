package io.sightline.query.promql.engine;

/**
 * Kahan-Babuska-Neumaier compensated summation, as Prometheus's sum, avg and *_over_time use it,
 * so sums agree with Prometheus to the last bit. {@link #inc} returns the new sum and leaves the
 * new compensation in {@link #c}. Not thread-safe (one per accumulation).
 */
final class Kahan {
    double sum;
    double c;

    Kahan(double sum) {
        this.sum = sum;
    }

    void add(double inc) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c += (sum - t) + inc;
        } else {
            c += (inc - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + c;
    }

    /**
     * The mean of {@code values[from..to)} as Prometheus's avg_over_time and avg: a compensated
     * sum while it stays finite, then an incremental mean from the point it would overflow.
     */
    static double mean(double[] values, int from, int to) {
        double sum = values[from];
        double count = 1;
        double mean = 0;
        double kc = 0;
        boolean incremental = false;
        for (int i = from + 1; i < to; i++) {
            double f = values[i];
            count = i - from + 1;
            if (!incremental) {
                Kahan k = new Kahan(sum);
                k.c = kc;
                k.add(f);
                if (!Double.isInfinite(k.sum)) {
                    sum = k.sum;
                    kc = k.c;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                kc /= count - 1;
            }
            double q = (count - 1) / count;
            Kahan k = new Kahan(q * mean);
            k.c = q * kc;
            k.add(f / count);
            mean = k.sum;
            kc = k.c;
        }
        if (incremental) {
            return mean + kc;
        }
        return sum / count + kc / count;
    }
}
