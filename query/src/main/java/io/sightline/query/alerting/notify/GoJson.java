package io.sightline.query.alerting.notify;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.sightline.storage.tsdb.Labels;

/**
 * The bits of JSON as Go's {@code encoding/json} writes them for Alertmanager's and Prometheus's
 * payloads, so a receiver sees the bytes a real Alertmanager would send: maps with sorted keys,
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as backslash-u003c..., control characters
 * other than newline, return and tab as backslash-u00XX (Go before 1.22, which Debian's Alertmanager is built
 * with), broken surrogates as U+FFFD; times as Go's {@code time.Time} (RFC 3339 with trailing zeros of
 * the fraction dropped) or go-openapi's {@code strfmt.DateTime} (always three fraction digits). All
 * times are UTC. Stateless; thread-safe.
 */
final class GoJson {
    /** Go's zero {@code time.Time}, which Alertmanager shows as a firing alert's {@code endsAt}. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code "name":} */
    static void key(StringBuilder out, String name) {
        string(out, name);
        out.append(':');
    }

    /** A label set as a Go map: keys sorted (by Go's byte order; {@link Labels} is sorted already). */
    static void labels(StringBuilder out, Labels labels) {
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            key(out, labels.name(i));
            string(out, labels.value(i));
        }
        out.append('}');
    }

    /** Go's {@code time.Time} JSON: RFC 3339, fraction without trailing zeros, e.g. {@code 2024-01-02T03:04:05.5Z}. */
    static String goTime(long unixMs) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(unixMs), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        dateTime(out, t);
        int millis = t.getNano() / 1_000_000;
        if (millis != 0) {
            String fraction = String.format("%03d", millis);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }

    /** go-openapi's {@code strfmt.DateTime}: RFC 3339 with milliseconds, e.g. {@code 2024-01-02T03:04:05.000Z}. */
    static String openApiTime(long unixMs) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(unixMs), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        dateTime(out, t);
        return out.append('.').append(String.format("%03d", t.getNano() / 1_000_000)).append('Z').toString();
    }

    private static void dateTime(StringBuilder out, LocalDateTime t) {
        out.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
