package io.sightline.ui.services;

import java.util.Map;
import java.util.TreeMap;

/**
 * A service's RED figures over a range, from its server spans.
 *
 * @param requests   server spans over the range
 * @param errors     of which with status error
 * @param p50Seconds NaN when unknown, as p95 and p99
 * @param seconds    the range's length, for the rate
 */
record ServiceRed(double requests, double errors, double p50Seconds, double p95Seconds, double p99Seconds, long seconds) {
    double rate() {
        return requests / seconds;
    }

    double errorRatio() {
        return requests > 0 ? errors / requests : Double.NaN;
    }

    Health health() {
        return Health.of(requests, errorRatio(), p95Seconds);
    }

    /** Every service with server spans in the window ending at {@code endMs}, by name. */
    static Map<String, ServiceRed> read(MetricReader reader, long endMs, long windowSeconds) {
        String by = "service_name";
        Map<String, Double> requests = reader.byLabel(
                RedQueries.increase(RedQueries.CALLS, RedQueries.SERVER, by, windowSeconds), by, endMs);
        Map<String, Double> errors = reader.byLabel(RedQueries.increase(RedQueries.CALLS,
                RedQueries.SERVER + ", " + RedQueries.ERROR, by, windowSeconds), by, endMs);
        Map<String, Double> p50 = quantile(reader, 0.5, endMs, windowSeconds);
        Map<String, Double> p95 = quantile(reader, 0.95, endMs, windowSeconds);
        Map<String, Double> p99 = quantile(reader, 0.99, endMs, windowSeconds);
        Map<String, ServiceRed> out = new TreeMap<>();
        requests.forEach((service, count) -> out.put(service, new ServiceRed(count, errors.getOrDefault(service, 0.0),
                p50.getOrDefault(service, Double.NaN), p95.getOrDefault(service, Double.NaN),
                p99.getOrDefault(service, Double.NaN), windowSeconds)));
        return out;
    }

    private static Map<String, Double> quantile(MetricReader reader, double q, long endMs, long windowSeconds) {
        return reader.byLabel(RedQueries.quantile(q, RedQueries.DURATION_BUCKET, RedQueries.SERVER, "service_name",
                windowSeconds), "service_name", endMs);
    }
}
