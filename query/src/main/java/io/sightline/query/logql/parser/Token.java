package io.sightline.query.logql.parser;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One lexed token.
 *
 * @param text   the source text (for strings the quoted source, for ranges the text inside {@code []})
 * @param offset 0-based offset of its first character in the query
 * @param value  the decoded value: the unquoted {@code String} of a string, the {@link Duration} of a
 *               duration or range, the {@code Long} of a byte size, else null
 */
record Token(TokenType type, String text, int offset, Object value) {
    /**
     * Words that are always keywords (any case) and so never label names, as Loki's lexer has them.
     * Function names ({@code rate}, {@code sum}, {@code ip}, {@code bytes} ...) are keywords only
     * when a parenthesis follows.
     */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "bool", "offset", "on", "ignoring",
            "group_left", "group_right", "or", "and", "unless", "json", "regexp", "logfmt", "unpack", "pattern",
            "label_format", "line_format", "decolorize", "drop", "keep", "unwrap", "label_replace", "variants", "of");

    boolean is(TokenType t) {
        return type == t;
    }

    /** Whether this is the word {@code word}, any case (LogQL keywords ignore case). */
    boolean isWord(String word) {
        return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    boolean isKeyword() {
        return type == TokenType.IDENTIFIER && KEYWORDS.contains(text.toLowerCase(Locale.ROOT));
    }

    /** An identifier that is not a keyword: what may name a label. */
    boolean isLabelName() {
        return type == TokenType.IDENTIFIER && !isKeyword();
    }

    String string() {
        return (String) value;
    }

    Duration duration() {
        return (Duration) value;
    }

    long bytes() {
        return (Long) value;
    }

    /** The token as Loki names it after "unexpected": keywords as themselves, other words as IDENTIFIER. */
    String describe() {
        if (type == TokenType.IDENTIFIER && isKeyword()) {
            return text.toLowerCase(Locale.ROOT);
        }
        return type.description();
    }
}
