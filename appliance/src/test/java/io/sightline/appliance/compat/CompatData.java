package io.sightline.appliance.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sightline.appliance.compat.RemoteWriteBody.Point;
import io.sightline.appliance.compat.RemoteWriteBody.TimeSeries;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Sample;

/**
 * The data both systems get: counters (one resetting, one with a reset mid-way), gauges with one
 * decimal, a classic histogram, a series that ends with a stale marker and one that just stops,
 * every 15 s from {@code startMs} for {@link #SCRAPES} scrapes. Seeded, so a failure replays.
 */
final class CompatData {
    static final long INTERVAL_MS = 15_000;
    static final int SCRAPES = 160;
    private static final String[] LE = {"0.1", "0.5", "1", "5", "+Inf"};

    private CompatData() {
    }

    static List<TimeSeries> generate(long startMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TimeSeries> series = new ArrayList<>();
        for (String instance : List.of("i1", "i2", "i3")) {
            for (String method : List.of("GET", "POST")) {
                for (String code : List.of("200", "500")) {
                    boolean reset = instance.equals("i2") && code.equals("200");
                    series.add(counter(Labels.of("__name__", "compat_requests_total", "instance", instance,
                            "method", method, "code", code), startMs, random, reset ? SCRAPES / 2 : -1, series.size()));
                }
            }
            series.add(resetting(Labels.of("__name__", "compat_resetting_total", "instance", instance), startMs, random));
            for (String sensor : List.of("a", "b")) {
                series.add(gauge(Labels.of("__name__", "compat_temperature_celsius", "instance", instance,
                        "sensor", sensor), startMs, random, SCRAPES));
            }
        }
        series.add(gauge(Labels.of("__name__", "compat_temperature_celsius", "instance", "i4", "sensor", "a"),
                startMs, random, SCRAPES / 3));
        TimeSeries ending = gauge(Labels.of("__name__", "compat_temperature_celsius", "instance", "i5", "sensor", "a"),
                startMs, random, SCRAPES / 2);
        List<Point> withStale = new ArrayList<>(ending.points());
        withStale.add(new Point(startMs + (SCRAPES / 2) * INTERVAL_MS, Sample.STALE_NAN));
        series.add(new TimeSeries(ending.labels(), withStale));
        for (String method : List.of("GET", "POST")) {
            series.addAll(histogram(method, startMs, random));
        }
        return series;
    }

    private static TimeSeries counter(Labels labels, long startMs, SplittableRandom random, int resetAt, int index) {
        List<Point> points = new ArrayList<>();
        // A distinct fraction per series: no two counters are ever equal, so topk/bottomk never meet a
        // tie, whose winner in Prometheus depends on its storage's internal series order.
        double value = random.nextInt(100) + (index + 1) / 64.0;
        for (int i = 0; i < SCRAPES; i++) {
            value = i == resetAt ? random.nextInt(5) : value + random.nextInt(20);
            points.add(new Point(startMs + i * INTERVAL_MS, value));
        }
        return new TimeSeries(labels, points);
    }

    private static TimeSeries resetting(Labels labels, long startMs, SplittableRandom random) {
        List<Point> points = new ArrayList<>();
        double value = 0;
        for (int i = 0; i < SCRAPES; i++) {
            value = i % 28 == 27 ? 0 : value + random.nextInt(1, 8);
            points.add(new Point(startMs + i * INTERVAL_MS, value));
        }
        return new TimeSeries(labels, points);
    }

    private static TimeSeries gauge(Labels labels, long startMs, SplittableRandom random, int scrapes) {
        List<Point> points = new ArrayList<>();
        double value = 15 + random.nextInt(100) / 10.0;
        for (int i = 0; i < scrapes; i++) {
            value = Math.round((value + (random.nextInt(21) - 10) / 10.0) * 10) / 10.0;
            points.add(new Point(startMs + i * INTERVAL_MS, value));
        }
        return new TimeSeries(labels, points);
    }

    private static List<TimeSeries> histogram(String method, long startMs, SplittableRandom random) {
        List<List<Point>> buckets = new ArrayList<>();
        for (int b = 0; b < LE.length; b++) {
            buckets.add(new ArrayList<>());
        }
        List<Point> sum = new ArrayList<>();
        List<Point> count = new ArrayList<>();
        double[] cumulative = new double[LE.length];
        double total = 0;
        for (int i = 0; i < SCRAPES; i++) {
            long t = startMs + i * INTERVAL_MS;
            double running = 0;
            for (int b = 0; b < LE.length; b++) {
                running += random.nextInt(10);
                cumulative[b] += running;
                buckets.get(b).add(new Point(t, cumulative[b]));
            }
            total += running * 0.37;
            sum.add(new Point(t, Math.round(total * 1000) / 1000.0));
            count.add(new Point(t, cumulative[LE.length - 1]));
        }
        List<TimeSeries> series = new ArrayList<>();
        for (int b = 0; b < LE.length; b++) {
            series.add(new TimeSeries(Labels.of("__name__", "compat_duration_seconds_bucket", "method", method,
                    "le", LE[b]), buckets.get(b)));
        }
        series.add(new TimeSeries(Labels.of("__name__", "compat_duration_seconds_sum", "method", method), sum));
        series.add(new TimeSeries(Labels.of("__name__", "compat_duration_seconds_count", "method", method), count));
        return series;
    }
}
