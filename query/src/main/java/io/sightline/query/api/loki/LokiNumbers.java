package io.sightline.query.api.loki;

import java.math.BigDecimal;

/**
 * Numbers as Loki writes them: sample values as Prometheus's {@code model.SampleValue.String()}
 * (Go's {@code FormatFloat(v, 'f', -1, 64)}: the shortest digits that read back to {@code v}, never an
 * exponent), sample times as {@code model.Time.String()} (milliseconds shown as seconds with only the
 * digits needed), durations in the stats object as seconds with at most six decimals (jsoniter's
 * fastest float form).
 */
final class LokiNumbers {
    private LokiNumbers() {
    }

    /** {@code 1}, {@code 0.5}, {@code 0.0000001}, {@code NaN}, {@code +Inf}, {@code -Inf}, {@code -0}. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Double.toString is the shortest repr since JDK 19; BigDecimal only moves the point.
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A sample time given in nanoseconds, cut to milliseconds as Loki's samples hold it, in seconds. */
    static String sampleTime(long nanos) {
        long millis = Math.floorDiv(nanos, 1_000_000L);
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** Nanoseconds as seconds rounded to microseconds: {@code 0.001489}, {@code 2}, {@code 0}. */
    static String seconds(long nanos) {
        long micros = Math.round(nanos / 1000.0);
        if (micros == 0) {
            return "0";
        }
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }
}
