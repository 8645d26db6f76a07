package io.sightline.sample.load;

import java.nio.charset.StandardCharsets;

/**
 * The text-format page (0.0.4) of one simulated scrape target of {@link ScrapeTargetServer}: a
 * service's request counters, latency histograms and gauges, {@code series} sample lines in all,
 * with {@code # HELP} and {@code # TYPE}. Values move with the scrape number (counters grow, gauges
 * wander) so a store compresses what a real exporter would give it. Stateless and thread-safe.
 *
 * <pre>
 * per path p (series / 50 paths), 23 series:
 *   bench_requests_total{method, path, status}    2 methods x 5 statuses = 10 counters
 *   bench_request_duration_seconds_bucket{path, le} 10 bounds + +Inf, then _sum and _count = 14
 * the rest: bench_worker_busy_ratio{worker} gauges
 * </pre>
 */
final class ScrapeTargetPage {
    private static final String[] METHODS = {"GET", "POST"};
    private static final String[] STATUSES = {"200", "201", "404", "500", "503"};
    private static final String[] BOUNDS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"};
    /** Series per path: counters, buckets, _sum and _count. */
    private static final int PER_PATH = METHODS.length * STATUSES.length + BOUNDS.length + 2;

    private final int series;
    private final int paths;

    /** @param series sample lines per page (at least 1) */
    ScrapeTargetPage(int series) {
        this.series = series;
        this.paths = series / 50;
    }

    /** The page of target {@code target} at its {@code scrape}-th request, as UTF-8. */
    byte[] render(int target, long scrape) {
        StringBuilder out = new StringBuilder(series * 90);
        long tick = scrape + target;
        out.append("# HELP bench_requests_total Requests served.\n# TYPE bench_requests_total counter\n");
        for (int p = 0; p < paths; p++) {
            for (int m = 0; m < METHODS.length; m++) {
                for (int s = 0; s < STATUSES.length; s++) {
                    out.append("bench_requests_total{method=\"").append(METHODS[m]).append("\",path=\"/api/v1/resource")
                            .append(p).append("\",status=\"").append(STATUSES[s]).append("\"} ")
                            .append(tick * (p + m + s + 1)).append('\n');
                }
            }
        }
        out.append("# HELP bench_request_duration_seconds Request latency.\n# TYPE bench_request_duration_seconds histogram\n");
        for (int p = 0; p < paths; p++) {
            for (int b = 0; b < BOUNDS.length; b++) {
                out.append("bench_request_duration_seconds_bucket{path=\"/api/v1/resource").append(p).append("\",le=\"")
                        .append(BOUNDS[b]).append("\"} ").append(tick * (b + 1)).append('\n');
            }
            out.append("bench_request_duration_seconds_sum{path=\"/api/v1/resource").append(p).append("\"} ")
                    .append(tick * 0.137 * (p + 1)).append('\n');
            out.append("bench_request_duration_seconds_count{path=\"/api/v1/resource").append(p).append("\"} ")
                    .append(tick * BOUNDS.length).append('\n');
        }
        int gauges = series - paths * PER_PATH;
        if (gauges > 0) {
            out.append("# HELP bench_worker_busy_ratio Share of the last second a worker was busy.\n")
                    .append("# TYPE bench_worker_busy_ratio gauge\n");
        }
        for (int w = 0; w < gauges; w++) {
            out.append("bench_worker_busy_ratio{worker=\"w").append(w).append("\"} ")
                    .append(((tick * 31 + w * 17) % 1000) / 1000.0).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
