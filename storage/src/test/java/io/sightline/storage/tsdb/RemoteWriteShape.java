package io.sightline.storage.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Series shaped like typical remote_write data, as {@code bin/bench metrics} sends it: 30% counters
 * rising by small integers, 65% classic histogram series (10 {@code _bucket} series plus
 * {@code le="+Inf"} with cumulative integer counts, a float {@code _sum} of observed latencies and
 * an integer {@code _count}), 5% gauges with one decimal wandering by tenths. Each call of
 * {@link #scrape} moves every series one scrape forward. Not thread-safe.
 */
final class RemoteWriteShape {
    /** Upper bounds of the histogram buckets, seconds (Prometheus's default buckets). */
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    /** Series per histogram: the buckets, +Inf, _sum and _count. */
    private static final int HISTOGRAM_SERIES = BOUNDS.length + 3;

    private final SplittableRandom random;
    private final List<Labels> labels = new ArrayList<>();
    private final double[] values;
    private final int counters;
    private final int histograms;
    private final int[] counterSteps;

    RemoteWriteShape(int seriesCount, SplittableRandom random) {
        this.random = random;
        counters = Math.max(1, seriesCount * 30 / 100);
        histograms = Math.max(1, seriesCount * 65 / 100 / HISTOGRAM_SERIES);
        int gauges = Math.max(1, seriesCount - counters - histograms * HISTOGRAM_SERIES);
        counterSteps = new int[counters];
        for (int i = 0; i < counters; i++) {
            labels.add(Labels.of("__name__", "requests_total", "instance", "pod-" + i / 20, "route", "/r" + i % 20));
            counterSteps[i] = 1 + random.nextInt(i % 4 == 0 ? 40 : 5);
        }
        for (int h = 0; h < histograms; h++) {
            String instance = "pod-" + h / 5;
            String route = "/h" + h % 5;
            for (double bound : BOUNDS) {
                labels.add(Labels.of("__name__", "request_seconds_bucket", "instance", instance, "route", route,
                        "le", Double.toString(bound)));
            }
            labels.add(Labels.of("__name__", "request_seconds_bucket", "instance", instance, "route", route, "le", "+Inf"));
            labels.add(Labels.of("__name__", "request_seconds_sum", "instance", instance, "route", route));
            labels.add(Labels.of("__name__", "request_seconds_count", "instance", instance, "route", route));
        }
        for (int g = 0; g < gauges; g++) {
            labels.add(Labels.of("__name__", "temperature_celsius", "instance", "node-" + g));
        }
        values = new double[labels.size()];
        for (int i = 0; i < counters; i++) {
            values[i] = random.nextInt(1_000_000);
        }
        for (int g = counters + histograms * HISTOGRAM_SERIES; g < values.length; g++) {
            values[g] = Math.round(random.nextDouble(15, 30) * 10) / 10.0;
        }
    }

    List<Labels> labels() {
        return labels;
    }

    /** The values of the next scrape, in {@link #labels()} order (the array is reused). */
    double[] scrape() {
        for (int i = 0; i < counters; i++) {
            values[i] += random.nextInt(counterSteps[i] + 1);
        }
        for (int h = 0; h < histograms; h++) {
            int base = counters + h * HISTOGRAM_SERIES;
            int observations = random.nextInt(1 + h % 7 * 8);
            for (int o = 0; o < observations; o++) {
                double seconds = -Math.log(1 - random.nextDouble()) * 0.08 * (1 + h % 3);
                for (int b = 0; b < BOUNDS.length; b++) {
                    if (seconds <= BOUNDS[b]) {
                        values[base + b]++;
                    }
                }
                values[base + BOUNDS.length + 1] += seconds;
            }
            values[base + BOUNDS.length] += observations;
            values[base + BOUNDS.length + 2] += observations;
        }
        for (int g = counters + histograms * HISTOGRAM_SERIES; g < values.length; g++) {
            if (random.nextInt(3) == 0) {
                values[g] = Math.round(values[g] * 10 + random.nextInt(-2, 3)) / 10.0;
            }
        }
        return values;
    }
}
