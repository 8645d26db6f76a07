package io.sightline.query.traces.traceql;

/**
 * TraceQL duration literals as Go's {@code time.ParseDuration} reads them (Tempo's lexer hands them
 * to it): decimal numbers with units {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}, concatenated ({@code 1h30m}, {@code 1.5s}), to nanoseconds.
 */
final class Durations {
    private Durations() {
    }

    static long parseNanos(String query, Token token) {
        String text = token.text();
        boolean negative = text.startsWith("-");
        int pos = negative ? 1 : 0;
        double total = 0;
        if (pos >= text.length()) {
            throw invalid(query, token);
        }
        while (pos < text.length()) {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw invalid(query, token);
            }
            double number;
            try {
                number = Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw invalid(query, token);
            }
            int unitStart = pos;
            while (pos < text.length() && !Character.isDigit(text.charAt(pos)) && text.charAt(pos) != '.') {
                pos++;
            }
            total += number * unitNanos(text.substring(unitStart, pos), query, token);
        }
        if (total > Long.MAX_VALUE) {
            throw new TraceqlParseException(query, token.offset(), "duration out of range: " + text);
        }
        long nanos = Math.round(total);
        return negative ? -nanos : nanos;
    }

    private static long unitNanos(String unit, String query, Token token) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new TraceqlParseException(query, token.offset(), "unknown unit \"" + unit
                    + "\" in duration " + token.text() + " (ns, us, µs, ms, s, m, h)");
        };
    }

    private static TraceqlParseException invalid(String query, Token token) {
        return new TraceqlParseException(query, token.offset(), "invalid duration " + token.text());
    }
}
