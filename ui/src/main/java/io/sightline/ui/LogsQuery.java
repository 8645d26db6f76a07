package io.sightline.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.sightline.query.logql.Logql;
import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.logs.LogStreams;

/**
 * What the logs page runs: one LogQL log query. Either the LogQL the user typed, or the simple search
 * form (text, service, lowest severity, trace id) translated into LogQL, so both take one path through
 * the engine, the volume histogram and the live tail (which only speaks LogQL). The translation:
 *
 * <ul>
 *   <li>service → {@code service_name="…"}; lowest severity → {@code level=~"warn|error|fatal"} (the
 *       store's {@code level} stream label); neither → {@code service_name=~".+"} (every stream);</li>
 *   <li>each text word → {@code |~ "(?i)word"}, a {@code "quoted phrase"} likewise, a {@code -word}
 *       → {@code !~ "(?i)word"}: case-insensitive substrings, where the search API matches whole
 *       tokens (so the page finds a little more than {@code /api/v1/logs/search} for partial words);</li>
 *   <li>trace id → {@code | trace_id="…"} (structured metadata).</li>
 * </ul>
 *
 * Immutable; thread-safe.
 *
 * @param logql      the log query to run
 * @param translated whether it came from the simple search form
 */
record LogsQuery(String logql, boolean translated) {
    /** Every stream: what the page shows when nothing is asked. */
    static final String ALL = "{service_name=~\".+\"}";
    /** Lowest severities the simple form offers, as the search API names them. */
    static final List<String> SEVERITIES = List.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    LogsQuery {
        Objects.requireNonNull(logql, "logql");
    }

    /**
     * The query of a request: {@code query} when given, else the simple form's fields translated.
     *
     * @throws IllegalArgumentException when the minimum severity is not one of {@link #SEVERITIES}
     */
    static LogsQuery of(String query, String text, String service, String minSeverity, String traceId) {
        if (!query.isBlank()) {
            return new LogsQuery(query.strip(), false);
        }
        List<String> matchers = new ArrayList<>();
        if (!service.isBlank()) {
            matchers.add(LogStreams.SERVICE_NAME + "=" + GoStrings.quote(service.strip()));
        }
        if (!minSeverity.isBlank()) {
            matchers.add(LogStreams.LEVEL + "=~" + GoStrings.quote(levelsFrom(minSeverity.strip())));
        }
        StringBuilder logql = new StringBuilder(matchers.isEmpty() ? ALL : "{" + String.join(", ", matchers) + "}");
        for (String term : terms(text)) {
            boolean exclude = term.startsWith("-") && term.length() > 1;
            String literal = exclude ? term.substring(1) : term;
            logql.append(exclude ? " !~ " : " |~ ").append(GoStrings.quote("(?i)" + quoteRegex(literal)));
        }
        if (!traceId.isBlank()) {
            logql.append(" | trace_id=").append(GoStrings.quote(traceId.strip().toLowerCase(Locale.ROOT)));
        }
        return new LogsQuery(logql.toString(), true);
    }

    /**
     * Checks that the text is a LogQL log query (a metric query belongs on the metrics page).
     *
     * @throws IllegalArgumentException with the parser's message, or saying a metric query was given
     */
    void validate() {
        try {
            if (!(Logql.parse(logql) instanceof LogSelectorExpr)) {
                throw new IllegalArgumentException("this page shows log lines: enter a log query such as "
                        + "{service_name=\"orders\"} |= \"timeout\" (a metric query belongs in Explore)");
            }
        } catch (io.sightline.query.logql.LogqlParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The volume query: lines per {@code level} in windows of {@code stepSeconds}, over the same
     * selector and pipeline (a range after the pipeline is LogQL).
     */
    String volumeQuery(long stepSeconds) {
        return "sum by (" + LogStreams.LEVEL + ") (count_over_time(" + logql + " [" + stepSeconds + "s]))";
    }

    /** {@code warn|error|fatal} for WARN: the store's level names from a severity name upwards. */
    static String levelsFrom(String minSeverity) {
        int index = SEVERITIES.indexOf(minSeverity.toUpperCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("min_severity: expected one of " + SEVERITIES + ", got \"" + minSeverity + "\"");
        }
        // LogStreams.LEVELS is trace, debug, info, warn, error, fatal; SEVERITIES starts at debug.
        List<String> levels = List.of(LogStreams.LEVELS).subList(index + 1, LogStreams.LEVELS.length);
        return String.join("|", levels);
    }

    /** Words, {@code "quoted phrases"} (quotes dropped) and {@code -excluded} words of the search text. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean exclude = c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '"';
            int open = exclude ? i + 1 : i;
            if (text.charAt(open) == '"') {
                int close = text.indexOf('"', open + 1);
                int end = close < 0 ? text.length() : close;
                String phrase = text.substring(open + 1, end).strip();
                if (!phrase.isEmpty()) {
                    terms.add(exclude ? "-" + phrase : phrase);
                }
                i = close < 0 ? text.length() : close + 1;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end);
            if (!word.equals("-")) {
                terms.add(word);
            }
            i = end;
        }
        return terms;
    }

    /** The text as a regular expression matching it literally (RE2 syntax). */
    static String quoteRegex(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
