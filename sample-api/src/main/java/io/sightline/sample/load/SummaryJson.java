package io.sightline.sample.load;

import java.util.Locale;
import java.util.Map;

/**
 * Writes a load summary as one JSON object, field by field, for {@code bin/bench} and other
 * scripts: numbers as they are, fractional ones with three decimals, strings quoted and escaped,
 * count maps as objects with string keys. Hand-written because sample-api depends on nothing but
 * the OTLP protos. Not thread-safe; one per summary. Public because the HTTP load generator
 * ({@code io.sightline.sample.httpload}) writes its summary with it too.
 */
public final class SummaryJson {
    private final StringBuilder s = new StringBuilder("{");
    private boolean first = true;

    public SummaryJson field(String name, long value) {
        return raw(name, Long.toString(value));
    }

    /** A fraction with three decimals ({@code 12.500}). */
    public SummaryJson field(String name, double value) {
        return raw(name, String.format(Locale.ROOT, "%.3f", value));
    }

    public SummaryJson field(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A quoted string, or {@code null}. */
    public SummaryJson field(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    /** An object of counts keyed by the map's keys as strings, in the map's order. */
    public SummaryJson counts(String name, Map<?, Long> counts) {
        beginObject(name);
        counts.forEach((key, count) -> field(key.toString(), count.longValue()));
        return endObject();
    }

    public SummaryJson beginObject(String name) {
        name(name);
        s.append('{');
        first = true;
        return this;
    }

    public SummaryJson endObject() {
        s.append('}');
        first = false;
        return this;
    }

    /** The object, closed. */
    @Override
    public String toString() {
        return s + "}";
    }

    private SummaryJson raw(String name, String json) {
        name(name);
        s.append(json);
        return this;
    }

    private void name(String name) {
        if (!first) {
            s.append(',');
        }
        first = false;
        s.append(quote(name)).append(':');
    }

    public static String quote(String v) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
