package io.sightline.query.api.loki;

/**
 * Tells a LogQL log query (its answer is streams) from a metric query by its text, which the API
 * needs before evaluation for Loki's checks that depend on it: {@code limit} against the entries
 * limit applies to log queries only, an instant query must not be a log query, and a metric query's
 * limit is the series limit. A log query is a stream selector, possibly parenthesised, so its first
 * token is {@code {}; every metric query starts otherwise (a function, an aggregation, a number,
 * {@code (} around one of those). {@code #} comment lines are skipped as LogQL's lexer skips them.
 */
final class LogqlQueryKind {
    private LogqlQueryKind() {
    }

    static boolean isLogQuery(String query) {
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '#') {
                while (i < n && query.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else {
                return c == '{';
            }
        }
        return false;
    }
}
