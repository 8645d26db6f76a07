package io.sightline.ui.services;

/**
 * A service's or an edge's health from its error ratio and p95 latency, as the map and the
 * overview colour them: {@code bad} at 5% errors or p95 of 1 s and more, {@code warn} at 1% errors
 * or p95 of 300 ms, else {@code ok}; {@code idle} without requests. The names are CSS classes.
 */
enum Health {
    OK, WARN, BAD, IDLE;

    static final double BAD_ERROR_RATIO = 0.05;
    static final double WARN_ERROR_RATIO = 0.01;
    static final double BAD_P95_SECONDS = 1.0;
    static final double WARN_P95_SECONDS = 0.3;

    static Health of(double requests, double errorRatio, double p95Seconds) {
        if (!(requests > 0)) {
            return IDLE;
        }
        if (errorRatio >= BAD_ERROR_RATIO || p95Seconds >= BAD_P95_SECONDS) {
            return BAD;
        }
        if (errorRatio >= WARN_ERROR_RATIO || p95Seconds >= WARN_P95_SECONDS) {
            return WARN;
        }
        return OK;
    }

    /** The CSS class: ok, warn, bad, idle. */
    String css() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
