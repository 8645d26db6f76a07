package io.sightline.ui.services;

import java.util.Locale;

/**
 * How the service pages write numbers: rates per second, percentages, durations in the unit that
 * reads best; "–" for a figure that does not exist (NaN, e.g. a quantile without requests).
 */
final class Figures {
    static final String NONE = "–";

    private Figures() {
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            return NONE;
        }
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, perSecond >= 1 ? "%.1f/s" : "%.3f/s", perSecond);
    }

    /** {@code ratio} (0..1) as a percentage. */
    static String percent(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return NONE;
        }
        return String.format(Locale.ROOT, ratio < 0.1 && ratio > 0 ? "%.2f%%" : "%.1f%%", ratio * 100);
    }

    static String seconds(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return NONE;
        }
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        if (seconds >= 0.001) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        return String.format(Locale.ROOT, "%.0f µs", seconds * 1e6);
    }

    static String count(double count) {
        if (Double.isNaN(count)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.0f", count);
    }
}
