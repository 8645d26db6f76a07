package io.sightline.query.promql.parser;

/**
 * One lexed token.
 *
 * @param type   its kind
 * @param text   the source text (for strings: the quoted source)
 * @param offset 0-based position of its first character in the query
 */
record Token(TokenType type, String text, int offset) {
    boolean is(TokenType t) {
        return type == t;
    }

    /** Whether this is the word {@code word}, case-insensitively (PromQL keywords ignore case). */
    boolean isWord(String word) {
        return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** The token as Prometheus describes it after "unexpected". */
    String describe() {
        return switch (type) {
            case EOF -> "end of input";
            case IDENTIFIER, METRIC_IDENTIFIER -> Keywords.isKeyword(text)
                    ? "<" + text.toLowerCase(java.util.Locale.ROOT) + ">" : "identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case DURATION -> "duration \"" + text + "\"";
            case STRING -> "string " + text;
            default -> type.description();
        };
    }
}
