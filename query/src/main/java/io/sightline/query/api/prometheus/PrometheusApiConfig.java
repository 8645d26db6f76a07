package io.sightline.query.api.prometheus;

/**
 * Bounds of the Prometheus-compatible HTTP API beyond those of the PromQL engine (whose
 * {@code EngineConfig.timeout} is both the default and the cap of a request's {@code timeout}, and
 * whose {@code maxPointsPerSeries} bounds {@code /query_range}).
 *
 * @param maxSeries      the most series {@code /api/v1/series} returns; more are cut with the warning
 *                       "results truncated due to limit", as a request's own {@code limit} cuts them
 *                       (default 100,000: about 10 MB of JSON, a page no dashboard needs more of)
 * @param maxLabelValues the most names or values {@code /api/v1/labels} and
 *                       {@code /api/v1/label/<name>/values} return, cut the same way (default 100,000)
 * @param maxFormBytes   the largest {@code application/x-www-form-urlencoded} POST body read; a larger
 *                       one is refused with 413 (default 10 MiB, Go's {@code ParseForm} cap that
 *                       Prometheus inherits)
 */
public record PrometheusApiConfig(int maxSeries, int maxLabelValues, int maxFormBytes) {
    public static final int DEFAULT_MAX_SERIES = 100_000;
    public static final int DEFAULT_MAX_LABEL_VALUES = 100_000;
    public static final int DEFAULT_MAX_FORM_BYTES = 10 << 20;

    public PrometheusApiConfig {
        requirePositive("maxSeries", maxSeries);
        requirePositive("maxLabelValues", maxLabelValues);
        requirePositive("maxFormBytes", maxFormBytes);
    }

    public static PrometheusApiConfig defaults() {
        return new PrometheusApiConfig(DEFAULT_MAX_SERIES, DEFAULT_MAX_LABEL_VALUES, DEFAULT_MAX_FORM_BYTES);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
