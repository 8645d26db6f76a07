package io.sightline.sample.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The series a simulated scrape target exposes: {@value #SERIES_PER_TARGET} series per target,
 * the mix a typical HTTP service's Prometheus client library produces.
 *
 * <pre>
 * slots  0..29  counters   http_requests_total{job, instance, method, path, status}
 *                          5 paths x 2 methods (GET, POST) x 3 statuses (200, 404, 500)
 * slots 30..94  histograms http_request_duration_seconds{job, instance, path}, one per path:
 *                          11 _bucket series (le 0.005 ... 5, +Inf), then _sum, then _count
 * slots 95..99  gauges     up, process_open_fds, process_resident_memory_bytes,
 *                          http_requests_in_flight, process_cpu_usage_ratio
 * </pre>
 *
 * <p>So 30 % counters, 65 % histogram series and 5 % gauges. Target {@code t} has
 * {@code job = JOBS[t mod 10]} and an {@code instance} address unique to {@code t}; series
 * {@code s} of a load is slot {@code s mod 100} of target {@code s / 100}, so a load of N series
 * has {@code ceil(N / 100)} targets and the last one may expose only a prefix of the slots.
 * Stateless and thread-safe.
 */
final class MetricSeriesShape {

    static final int SERIES_PER_TARGET = 100;

    static final String[] JOBS = {"api-gateway", "checkout", "catalog", "payments", "users", "search",
            "inventory", "shipping", "notifications", "auth"};
    static final String[] PATHS = {"/api/v1/orders", "/api/v1/users", "/api/v1/cart", "/api/v1/search",
            "/healthz"};
    static final String[] METHODS = {"GET", "POST"};
    static final String[] STATUSES = {"200", "404", "500"};
    /** Upper bounds of the finite buckets, seconds: the client libraries' defaults less 10 s. */
    static final double[] BUCKET_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    static final String[] GAUGES = {"up", "process_open_fds", "process_resident_memory_bytes",
            "http_requests_in_flight", "process_cpu_usage_ratio"};

    static final int COUNTERS = PATHS.length * METHODS.length * STATUSES.length;
    /** Series per histogram: one per finite bound, +Inf, _sum, _count. */
    static final int HISTOGRAM_SERIES = BUCKET_BOUNDS.length + 3;
    static final int FIRST_HISTOGRAM = COUNTERS;
    static final int FIRST_GAUGE = FIRST_HISTOGRAM + PATHS.length * HISTOGRAM_SERIES;

    static {
        if (FIRST_GAUGE + GAUGES.length != SERIES_PER_TARGET) {
            throw new AssertionError("the slots do not add up to " + SERIES_PER_TARGET);
        }
    }

    /** What a slot is, which decides how its value moves from scrape to scrape. */
    enum Kind { COUNTER, BUCKET, HISTOGRAM_SUM, HISTOGRAM_COUNT, GAUGE }

    private MetricSeriesShape() {}

    static int targets(int series) {
        return (series + SERIES_PER_TARGET - 1) / SERIES_PER_TARGET;
    }

    /** Slots target {@code target} exposes in a load of {@code series} series. */
    static int slots(int target, int series) {
        return Math.min(SERIES_PER_TARGET, series - target * SERIES_PER_TARGET);
    }

    static String job(int target) {
        return JOBS[target % JOBS.length];
    }

    static String instance(int target) {
        return String.format(Locale.ROOT, "10.%d.%d.%d:8080", target / 62_500, target / 250 % 250,
                target % 250 + 1);
    }

    static Kind kind(int slot) {
        if (slot < FIRST_HISTOGRAM) {
            return Kind.COUNTER;
        }
        if (slot >= FIRST_GAUGE) {
            return Kind.GAUGE;
        }
        int inHistogram = (slot - FIRST_HISTOGRAM) % HISTOGRAM_SERIES;
        if (inHistogram <= BUCKET_BOUNDS.length) {
            return Kind.BUCKET;
        }
        return inHistogram == BUCKET_BOUNDS.length + 1 ? Kind.HISTOGRAM_SUM : Kind.HISTOGRAM_COUNT;
    }

    /**
     * The labels of a series as name/value pairs sorted by name, {@code __name__} first, as
     * remote_write requires.
     */
    static List<String[]> labels(int target, int slot) {
        List<String[]> labels = new ArrayList<>(6);
        String job = job(target);
        String instance = instance(target);
        if (slot < FIRST_HISTOGRAM) {
            int path = slot / (METHODS.length * STATUSES.length);
            int method = slot / STATUSES.length % METHODS.length;
            int status = slot % STATUSES.length;
            labels.add(new String[] {"__name__", "http_requests_total"});
            labels.add(new String[] {"instance", instance});
            labels.add(new String[] {"job", job});
            labels.add(new String[] {"method", METHODS[method]});
            labels.add(new String[] {"path", PATHS[path]});
            labels.add(new String[] {"status", STATUSES[status]});
        } else if (slot < FIRST_GAUGE) {
            int path = (slot - FIRST_HISTOGRAM) / HISTOGRAM_SERIES;
            int inHistogram = (slot - FIRST_HISTOGRAM) % HISTOGRAM_SERIES;
            String name = switch (kind(slot)) {
                case BUCKET -> "http_request_duration_seconds_bucket";
                case HISTOGRAM_SUM -> "http_request_duration_seconds_sum";
                default -> "http_request_duration_seconds_count";
            };
            labels.add(new String[] {"__name__", name});
            labels.add(new String[] {"instance", instance});
            labels.add(new String[] {"job", job});
            if (kind(slot) == Kind.BUCKET) {
                labels.add(new String[] {"le", bucketLabel(inHistogram)});
            }
            labels.add(new String[] {"path", PATHS[path]});
        } else {
            labels.add(new String[] {"__name__", GAUGES[slot - FIRST_GAUGE]});
            labels.add(new String[] {"instance", instance});
            labels.add(new String[] {"job", job});
        }
        return labels;
    }

    /** The {@code le} value of bucket {@code index}: Prometheus's float formatting, "+Inf" last. */
    static String bucketLabel(int index) {
        if (index == BUCKET_BOUNDS.length) {
            return "+Inf";
        }
        double bound = BUCKET_BOUNDS[index];
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** The histogram (0..4, one per path) slot belongs to; only for histogram slots. */
    static int histogram(int slot) {
        return (slot - FIRST_HISTOGRAM) / HISTOGRAM_SERIES;
    }

    /**
     * Offset of target {@code target}'s scrapes within each interval, ms: targets are scraped at
     * staggered but fixed offsets, as Prometheus spreads its scrapes, so every series still has
     * exactly one sample per interval.
     */
    static long scrapeOffsetMillis(int target, long intervalMillis) {
        return Math.floorMod(target * 7_919L, intervalMillis);
    }
}
