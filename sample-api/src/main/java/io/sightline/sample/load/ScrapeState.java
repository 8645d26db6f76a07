package io.sightline.sample.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The current value of every series of some targets, moved on one scrape at a time the way a
 * live service's metrics move: counters grow by small whole numbers (busy 200 series by up to 30,
 * 404s by up to 2, 500s by up to 1 per scrape), each histogram takes 0 to 20 observations per
 * scrape spread over its buckets with a latency-like distribution (cumulative buckets, +Inf equal
 * to _count, _sum growing by the observations), and gauges hold one of a few decimal values,
 * changing on about one scrape in ten.
 *
 * <p>Seeded: the same seed and targets give the same values. Not thread-safe: one sender owns it.
 */
final class ScrapeState {

    /** Probability that an observation lands in each finite bucket (not cumulative); rest is +Inf. */
    private static final double[] BUCKET_SHARE =
            {0.05, 0.1, 0.2, 0.25, 0.15, 0.1, 0.06, 0.04, 0.03, 0.01};
    /** A representative observed value per bucket (finite ones, then +Inf), seconds. */
    private static final double[] BUCKET_VALUE =
            {0.003, 0.008, 0.018, 0.037, 0.075, 0.17, 0.36, 0.72, 1.6, 3.4, 7.2};
    private static final int MAX_OBSERVATIONS = 20;
    private static final double GAUGE_CHANGE = 0.1;

    /** The few values each gauge takes, in {@link MetricSeriesShape#GAUGES} order. */
    private static final double[][] GAUGE_VALUES = {
            {1},
            {42, 43, 44, 45, 46},
            {2.5e8, 2.56e8, 2.62e8, 2.68e8},
            {0, 1, 2, 3},
            {0.05, 0.1, 0.15, 0.2, 0.25}};

    private final int[] targets;
    private final double[] values;
    private final SplittableRandom random;
    private final int[] newObservations = new int[MetricSeriesShape.BUCKET_BOUNDS.length + 1];

    /**
     * @param targets the (global) target numbers this state covers, in the order their values are
     *     laid out: target {@code targets[i]} slot {@code s} is at {@code i * 100 + s}
     */
    ScrapeState(long seed, int[] targets) {
        this.targets = targets.clone();
        this.values = new double[targets.length * MetricSeriesShape.SERIES_PER_TARGET];
        this.random = new SplittableRandom(seed * 1_000_003L + (targets.length == 0 ? 0 : targets[0]));
        for (int i = 0; i < targets.length; i++) {
            int base = i * MetricSeriesShape.SERIES_PER_TARGET;
            for (int c = 0; c < MetricSeriesShape.COUNTERS; c++) {
                values[base + c] = random.nextInt(10_000);
            }
            for (int g = 0; g < MetricSeriesShape.GAUGES.length; g++) {
                double[] choices = GAUGE_VALUES[g];
                values[base + MetricSeriesShape.FIRST_GAUGE + g] = choices[random.nextInt(choices.length)];
            }
        }
    }

    /** The value of slot {@code slot} of the {@code localTarget}-th target of this state. */
    double value(int localTarget, int slot) {
        return values[localTarget * MetricSeriesShape.SERIES_PER_TARGET + slot];
    }

    int targetCount() {
        return targets.length;
    }

    int target(int localTarget) {
        return targets[localTarget];
    }

    /** Moves every series on by one scrape. */
    void advance() {
        for (int i = 0; i < targets.length; i++) {
            int base = i * MetricSeriesShape.SERIES_PER_TARGET;
            advanceCounters(base);
            for (int h = 0; h < MetricSeriesShape.PATHS.length; h++) {
                advanceHistogram(base + MetricSeriesShape.FIRST_HISTOGRAM + h * MetricSeriesShape.HISTOGRAM_SERIES);
            }
            for (int g = 0; g < MetricSeriesShape.GAUGES.length; g++) {
                if (random.nextDouble() < GAUGE_CHANGE) {
                    double[] choices = GAUGE_VALUES[g];
                    values[base + MetricSeriesShape.FIRST_GAUGE + g] = choices[random.nextInt(choices.length)];
                }
            }
        }
    }

    private void advanceCounters(int base) {
        for (int c = 0; c < MetricSeriesShape.COUNTERS; c++) {
            int status = c % MetricSeriesShape.STATUSES.length;
            int maxIncrement = switch (status) {
                case 0 -> 30;
                case 1 -> 2;
                default -> 1;
            };
            values[base + c] += random.nextInt(maxIncrement + 1);
        }
    }

    /** {@code first} is the slot of the histogram's first bucket; then +Inf, _sum, _count. */
    private void advanceHistogram(int first) {
        int buckets = newObservations.length;
        Arrays.fill(newObservations, 0);
        int n = random.nextInt(MAX_OBSERVATIONS + 1);
        double sum = 0;
        for (int o = 0; o < n; o++) {
            int bucket = bucketOf(random.nextDouble());
            newObservations[bucket]++;
            sum += BUCKET_VALUE[bucket];
        }
        long cumulative = 0;
        for (int b = 0; b < buckets; b++) {
            cumulative += newObservations[b];
            values[first + b] += cumulative;
        }
        values[first + buckets] += Math.round(sum * 1e6) / 1e6;
        values[first + buckets + 1] += n;
    }

    private static int bucketOf(double u) {
        double acc = 0;
        for (int b = 0; b < BUCKET_SHARE.length; b++) {
            acc += BUCKET_SHARE[b];
            if (u < acc) {
                return b;
            }
        }
        return BUCKET_SHARE.length;
    }
}
