package io.sightline.query.template;

import java.time.Instant;

/**
 * Prometheus's {@code humanize*} template functions ({@code template/template.go}): numbers with SI
 * or binary prefixes and four significant digits, durations in d/h/m/s, ratios as percentages,
 * Unix timestamps as times. Inputs go through Prometheus's {@code convertToFloat}: a float, an int,
 * or a string {@code strconv.ParseFloat} reads.
 */
final class PrometheusHumanize {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private PrometheusHumanize() {
    }

    static double toFloat(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            Double d = GoStrconv.parseFloat(s);
            if (d == null) {
                throw new IllegalArgumentException(GoStrconv.parseFloatError(s));
            }
            return d;
        }
        throw new IllegalArgumentException("can't convert " + GoValues.typeName(v) + " to float");
    }

    private static String g4(double v) {
        return GoFloats.format(v, 'g', 4);
    }

    static String humanize(Object input) {
        double v = toFloat(input);
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix;
    }

    static String humanize1024(Object input) {
        double v = toFloat(input);
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    static String humanizeDuration(Object input) {
        double v = toFloat(input);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = duration / 60 % 60;
            long hours = duration / 60 / 60 % 24;
            long days = duration / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    static String humanizePercentage(Object input) {
        return g4(toFloat(input) * 100) + "%";
    }

    static String humanizeTimestamp(Object input) {
        if (input instanceof GoTime t) {
            return GoTime.utc(t.instant()).toString();
        }
        double v = toFloat(input);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return toTime(v).toString();
    }

    /** Prometheus's {@code floatToTime}: seconds to a UTC time at millisecond precision (its model.Time). */
    static GoTime toTime(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("value is NaN or Inf");
        }
        double nanos = seconds * 1e9;
        if (nanos > 0x1p63 || nanos < -0x1p63) {
            throw new IllegalArgumentException(GoFloats.shortest(seconds)
                    + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long millis = (long) nanos / 1_000_000L;
        return GoTime.utc(Instant.ofEpochMilli(millis));
    }
}
