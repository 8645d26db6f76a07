package io.sightline.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The time range and auto-refresh every page shares, carried in the URL as Grafana carries them:
 * {@code from} and {@code to} are {@code now}, {@code now-<n><unit>} (s, m, h, d, w), Unix
 * milliseconds or RFC 3339; {@code refresh} is off or a duration from {@link #REFRESH_CHOICES}. Links
 * between pages append {@link #query()} so a shared link opens the same view.
 *
 * @param from      as written in the URL (kept for links and the form)
 * @param to        as written in the URL
 * @param startMs   resolved start, Unix ms
 * @param endMs     resolved end, Unix ms
 * @param refresh   "" (off) or one of {@link #REFRESH_CHOICES}
 */
public record TimeRange(String from, String to, long startMs, long endMs, String refresh) {
    /** The range picker's quick choices, as {@code from} values with {@code to=now}. */
    public static final List<String> QUICK_CHOICES = List.of("now-5m", "now-15m", "now-1h", "now-3h", "now-6h",
            "now-12h", "now-24h", "now-2d", "now-7d");
    public static final List<String> REFRESH_CHOICES = List.of("5s", "10s", "30s", "1m", "5m");
    public static final String DEFAULT_FROM = "now-1h";

    /**
     * Reads {@code from}, {@code to} and {@code refresh} from a request's query parameters.
     *
     * @param parameter the first value of a query parameter, if present
     * @throws IllegalArgumentException naming the parameter when a value cannot be read, or when the
     *                                  range ends before it starts
     */
    public static TimeRange of(Function<String, Optional<String>> parameter, Instant now) {
        String from = parameter.apply("from").filter(s -> !s.isBlank()).orElse(DEFAULT_FROM).strip();
        String to = parameter.apply("to").filter(s -> !s.isBlank()).orElse("now").strip();
        String refresh = parameter.apply("refresh").orElse("").strip();
        if (!refresh.isEmpty() && !REFRESH_CHOICES.contains(refresh)) {
            throw new IllegalArgumentException("refresh: expected off or one of " + REFRESH_CHOICES + ", got \"" + refresh + "\"");
        }
        long nowMs = now.toEpochMilli();
        long start = resolve("from", from, nowMs);
        long end = resolve("to", to, nowMs);
        if (end < start) {
            throw new IllegalArgumentException("the range ends (to=" + to + ") before it starts (from=" + from + ")");
        }
        return new TimeRange(from, to, start, end, refresh);
    }

    /** The last hour, no refresh: what a page shows when the URL says nothing. */
    public static TimeRange lastHour(Instant now) {
        return of(name -> Optional.empty(), now);
    }

    /** {@code from=...&to=...[&refresh=...]}, URL-encoded, to append to links. */
    public String query() {
        StringBuilder query = new StringBuilder("from=").append(encode(from)).append("&to=").append(encode(to));
        if (!refresh.isEmpty()) {
            query.append("&refresh=").append(encode(refresh));
        }
        return query.toString();
    }

    /** Seconds between automatic reloads, 0 when off. */
    public int refreshSeconds() {
        if (refresh.isEmpty()) {
            return 0;
        }
        return (int) (durationMs("refresh", refresh) / 1000);
    }

    public long durationMs() {
        return endMs - startMs;
    }

    /** A query step giving about {@code points} points over the range, at least a second, whole seconds. */
    public long stepMs(int points) {
        long step = Math.max(1000, durationMs() / Math.max(1, points));
        return (step + 999) / 1000 * 1000;
    }

    /** A label for the picker: "last 1h" for relative ranges, else the two instants. */
    public String label() {
        if (to.equals("now") && from.startsWith("now-")) {
            return "last " + from.substring(4);
        }
        return Instant.ofEpochMilli(startMs) + " to " + Instant.ofEpochMilli(endMs);
    }

    private static long resolve(String name, String value, long nowMs) {
        if (value.equals("now")) {
            return nowMs;
        }
        if (value.startsWith("now-")) {
            return nowMs - durationMs(name, value.substring(4));
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": expected now, now-<duration> (e.g. now-1h), Unix milliseconds "
                    + "or an RFC 3339 time, got \"" + value + "\"");
        }
    }

    private static long durationMs(String name, String text) {
        if (text.length() >= 2) {
            String digits = text.substring(0, text.length() - 1);
            if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 9) {
                long n = Long.parseLong(digits);
                switch (text.charAt(text.length() - 1)) {
                    case 's': return n * 1_000;
                    case 'm': return n * 60_000;
                    case 'h': return n * 3_600_000;
                    case 'd': return n * 86_400_000;
                    case 'w': return n * 604_800_000;
                    default: break;
                }
            }
        }
        throw new IllegalArgumentException(name + ": expected a duration such as 30s, 15m, 1h, 7d, got \"" + text + "\"");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
