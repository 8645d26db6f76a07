package io.sightline.ui;

/**
 * Limits of the metrics explorer, so one page stays small (under 300 KB) and fast whatever is typed.
 *
 * @param points       about how many steps a range query has when the URL names no {@code step}
 *                     (default 250: one per 4–5 pixels of a wide chart)
 * @param maxSeries    the most series drawn and listed; more are counted and left out (default 100)
 * @param maxExemplars the most exemplars listed under the chart, newest first (default 50)
 */
record ExploreLimits(int points, int maxSeries, int maxExemplars) {
    static final int DEFAULT_POINTS = 250;
    static final int DEFAULT_MAX_SERIES = 100;
    static final int DEFAULT_MAX_EXEMPLARS = 50;

    ExploreLimits {
        if (points <= 0 || maxSeries <= 0 || maxExemplars < 0) {
            throw new IllegalArgumentException("explore limits must be positive: points=" + points + ", maxSeries="
                    + maxSeries + ", maxExemplars=" + maxExemplars);
        }
    }

    static ExploreLimits defaults() {
        return new ExploreLimits(DEFAULT_POINTS, DEFAULT_MAX_SERIES, DEFAULT_MAX_EXEMPLARS);
    }
}
