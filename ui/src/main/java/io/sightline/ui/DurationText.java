package io.sightline.ui;

import java.util.Locale;

/** Durations as the trace pages print them: three significant figures, the largest fitting unit. Stateless. */
final class DurationText {
    private DurationText() {
    }

    /** {@code 850µs}, {@code 12.3ms}, {@code 1.50s}; negative values (differences) keep their sign. */
    static String of(long nanos) {
        long abs = Math.abs(nanos);
        String sign = nanos < 0 ? "-" : "";
        if (abs < 1_000) {
            return sign + abs + "ns";
        }
        if (abs < 1_000_000) {
            return sign + figures(abs / 1e3) + "µs";
        }
        if (abs < 1_000_000_000) {
            return sign + figures(abs / 1e6) + "ms";
        }
        return sign + figures(abs / 1e9) + "s";
    }

    /** A difference with its sign: {@code +12.3ms}, {@code -4ms}, {@code ±0}. */
    static String signed(long nanos) {
        return nanos == 0 ? "±0" : (nanos > 0 ? "+" : "") + of(nanos);
    }

    private static String figures(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
