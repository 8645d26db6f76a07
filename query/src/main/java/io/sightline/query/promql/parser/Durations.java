package io.sightline.query.promql.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus durations ({@code 1h30m}, {@code 5m}, {@code 250ms}, units y w d h m s ms, largest
 * first, each at most once; a year is 365 days) in milliseconds, both ways.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final long YEAR = 365 * DAY;
    private static final long[] UNITS = {YEAR, WEEK, DAY, HOUR, MINUTE, SECOND, 1};

    private Durations() {
    }

    /**
     * Milliseconds of a duration string.
     *
     * @throws IllegalArgumentException {@code not a valid duration string: "x"} as Prometheus says
     */
    public static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = FORMAT.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long total = 0;
        for (int i = 0; i < UNITS.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNITS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
                }
            }
        }
        return total;
    }

    /** Prometheus's canonical form: {@code 0s}, {@code 1h30m}, {@code 90d}; years and weeks only when exact. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < UNITS.length; i++) {
            boolean exactOnly = i < 2;
            if (exactOnly && rest % UNITS[i] != 0) {
                continue;
            }
            long v = rest / UNITS[i];
            if (v > 0) {
                out.append(v).append(names[i]);
                rest -= v * UNITS[i];
            }
        }
        return out.toString();
    }
}
