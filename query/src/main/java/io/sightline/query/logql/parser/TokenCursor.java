package io.sightline.query.logql.parser;

import java.util.List;

import io.sightline.query.logql.LogqlParseException;

/**
 * The parsers' position in the token list, with the nesting-depth guard and Loki-worded errors
 * ({@code syntax error: unexpected X, expecting Y}). Not thread-safe; one per parse.
 */
final class TokenCursor {
    private final String query;
    private final List<Token> tokens;
    private final int maxDepth;
    private int next;
    private int depth;

    TokenCursor(String query, List<Token> tokens, int maxDepth) {
        this.query = query;
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    boolean at(TokenType type) {
        return peek().is(type);
    }

    boolean atWord(String word) {
        return peek().isWord(word);
    }

    Token take() {
        Token t = tokens.get(next);
        if (!t.is(TokenType.EOF)) {
            next++;
        }
        return t;
    }

    Token expect(TokenType type) {
        if (!at(type)) {
            throw unexpected(peek(), type.description());
        }
        return take();
    }

    /** A label name: an identifier that is not a keyword. */
    Token expectLabelName() {
        if (!peek().isLabelName()) {
            throw unexpected(peek(), TokenType.IDENTIFIER.description());
        }
        return take();
    }

    /** Counts one level of nesting at {@code at}; pair with {@link #leave()}. */
    void enter(Token at) {
        if (++depth > maxDepth) {
            throw error(at, "query is nested too deeply (more than " + maxDepth + " levels)");
        }
    }

    void leave() {
        depth--;
    }

    LogqlParseException unexpected(Token t, String... expecting) {
        String message = "syntax error: unexpected " + t.describe();
        if (expecting.length > 0) {
            message += ", expecting " + String.join(" or ", expecting);
        }
        return error(t, message);
    }

    LogqlParseException error(Token t, String message) {
        return new LogqlParseException(query, t.offset(), message);
    }
}
