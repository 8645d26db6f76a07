package io.sightline.ui;

/**
 * Limits of the metrics explorer, so one page stays small (under 300 KB) and fast whatever is typed.
 *
 * @param points       about how many steps a range query has when the URL names no {@code step}
 *                     (default 250: one per 4–5 pixels of a wide chart)
 * @param maxSeries    the most series drawn and listed; more are counted and left out (default 100)
 * @param maxExemplars the most exemplars listed under the chart, newest first (default 50)
 * @param maxTableValues with {@code all=true}, the most values the table lists over all series; series
 *                       past it show their latest value only (default 5,000)
 */
public record ExploreLimits(int points, int maxSeries, int maxExemplars, int maxTableValues) {
    public static final int DEFAULT_POINTS = 250;
    public static final int DEFAULT_MAX_SERIES = 100;
    public static final int DEFAULT_MAX_EXEMPLARS = 50;
    public static final int DEFAULT_MAX_TABLE_VALUES = 5_000;

    public ExploreLimits {
        if (points <= 0 || maxSeries <= 0 || maxExemplars < 0 || maxTableValues < 0) {
            throw new IllegalArgumentException("explore limits must be positive: points=" + points + ", maxSeries="
                    + maxSeries + ", maxExemplars=" + maxExemplars + ", maxTableValues=" + maxTableValues);
        }
    }

    public static ExploreLimits defaults() {
        return new ExploreLimits(DEFAULT_POINTS, DEFAULT_MAX_SERIES, DEFAULT_MAX_EXEMPLARS, DEFAULT_MAX_TABLE_VALUES);
    }
}
