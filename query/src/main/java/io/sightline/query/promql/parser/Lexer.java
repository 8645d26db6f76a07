package io.sightline.query.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.query.promql.PromqlParseException;

/**
 * Splits a query into tokens, all at once (queries are short). Follows Prometheus's lexer: words
 * are {@code [a-zA-Z_:][a-zA-Z0-9_:]*} (a colon makes a metric identifier), {@code Inf}/{@code NaN}
 * in any case are numbers, {@code #} starts a comment, and inside brackets a colon separates a
 * subquery's range from its step. Not thread-safe; use once.
 */
final class Lexer {
    // Fixed internal patterns (never user input), so java.util.regex is fine here.
    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+");
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F]+|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final String query;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int bracketDepth;

    private Lexer(String query) {
        this.query = query;
    }

    static List<Token> lex(String query) {
        Lexer lexer = new Lexer(query);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= query.length()) {
                tokens.add(new Token(TokenType.EOF, "", query.length()));
                return;
            }
            lexOne();
        }
    }

    private void skipSpaceAndComments() {
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == '#') {
                while (pos < query.length() && query.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void lexOne() {
        int start = pos;
        char c = query.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < query.length() && isDigit(query.charAt(pos + 1)))) {
            lexNumberOrDuration();
            return;
        }
        if (c == ':' && bracketDepth > 0) {
            add(TokenType.COLON, start, ++pos);
            return;
        }
        if (isWordStart(c)) {
            lexWord();
            return;
        }
        switch (c) {
            case '"', '\'', '`' -> lexString(c);
            case '(' -> add(TokenType.LEFT_PAREN, start, ++pos);
            case ')' -> add(TokenType.RIGHT_PAREN, start, ++pos);
            case '{' -> add(TokenType.LEFT_BRACE, start, ++pos);
            case '}' -> add(TokenType.RIGHT_BRACE, start, ++pos);
            case '[' -> {
                bracketDepth++;
                add(TokenType.LEFT_BRACKET, start, ++pos);
            }
            case ']' -> {
                bracketDepth = Math.max(0, bracketDepth - 1);
                add(TokenType.RIGHT_BRACKET, start, ++pos);
            }
            case ',' -> add(TokenType.COMMA, start, ++pos);
            case '@' -> add(TokenType.AT, start, ++pos);
            case '+' -> add(TokenType.ADD, start, ++pos);
            case '-' -> add(TokenType.SUB, start, ++pos);
            case '*' -> add(TokenType.MUL, start, ++pos);
            case '/' -> add(TokenType.DIV, start, ++pos);
            case '%' -> add(TokenType.MOD, start, ++pos);
            case '^' -> add(TokenType.POW, start, ++pos);
            case '=' -> {
                if (peek(1) == '=') {
                    add(TokenType.EQLC, start, pos += 2);
                } else if (peek(1) == '~') {
                    add(TokenType.EQL_REGEX, start, pos += 2);
                } else {
                    add(TokenType.ASSIGN, start, ++pos);
                }
            }
            case '!' -> {
                if (peek(1) == '=') {
                    add(TokenType.NEQ, start, pos += 2);
                } else if (peek(1) == '~') {
                    add(TokenType.NEQ_REGEX, start, pos += 2);
                } else {
                    throw error(start, "unexpected character after '!': " + quoteChar(peek(1)));
                }
            }
            case '<' -> {
                if (peek(1) == '=') {
                    add(TokenType.LTE, start, pos += 2);
                } else {
                    add(TokenType.LSS, start, ++pos);
                }
            }
            case '>' -> {
                if (peek(1) == '=') {
                    add(TokenType.GTE, start, pos += 2);
                } else {
                    add(TokenType.GTR, start, ++pos);
                }
            }
            default -> throw error(start, "unexpected character: " + quoteChar(c));
        }
    }

    private void lexNumberOrDuration() {
        int start = pos;
        Matcher duration = DURATION.matcher(query).region(start, query.length());
        if (duration.lookingAt() && !isWordChar(charAt(duration.end()))) {
            pos = duration.end();
            add(TokenType.DURATION, start, pos);
            return;
        }
        Matcher number = NUMBER.matcher(query).region(start, query.length());
        if (!number.lookingAt()) {
            throw error(start, "bad number or duration syntax: \"" + query.charAt(start) + "\"");
        }
        int end = number.end();
        if (isWordChar(charAt(end)) || charAt(end) == '.') {
            int bad = end;
            while (isWordChar(charAt(bad)) || charAt(bad) == '.') {
                bad++;
            }
            throw error(start, "bad number or duration syntax: \"" + query.substring(start, bad) + "\"");
        }
        pos = end;
        add(TokenType.NUMBER, start, pos);
    }

    private void lexWord() {
        int start = pos;
        boolean colon = false;
        while (pos < query.length() && (isWordChar(query.charAt(pos)) || query.charAt(pos) == ':')) {
            if (query.charAt(pos) == ':') {
                if (bracketDepth > 0) {
                    break;
                }
                colon = true;
            }
            pos++;
        }
        String word = query.substring(start, pos);
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) {
            add(TokenType.NUMBER, start, pos);
        } else {
            add(colon ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER, start, pos);
        }
    }

    private void lexString(char quote) {
        int start = pos++;
        while (true) {
            if (pos >= query.length()) {
                throw error(start, "unterminated quoted string " + query.substring(start));
            }
            char c = query.charAt(pos);
            if (c == '\\' && quote != '`') {
                pos += 2;
                continue;
            }
            if (c == '\n' && quote != '`') {
                throw error(start, "unterminated quoted string " + query.substring(start, pos));
            }
            pos++;
            if (c == quote) {
                break;
            }
        }
        add(TokenType.STRING, start, pos);
    }

    private void add(TokenType type, int start, int end) {
        tokens.add(new Token(type, query.substring(start, end), start));
    }

    private char peek(int ahead) {
        return charAt(pos + ahead);
    }

    private char charAt(int i) {
        return i < query.length() ? query.charAt(i) : '\0';
    }

    private PromqlParseException error(int offset, String message) {
        return new PromqlParseException(query, offset, message);
    }

    private static String quoteChar(char c) {
        return c == '\0' ? "end of input" : "'" + c + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isWordChar(char c) {
        return isWordStart(c) && c != ':' || isDigit(c);
    }
}
