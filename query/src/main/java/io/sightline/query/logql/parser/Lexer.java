package io.sightline.query.logql.parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.sightline.query.logql.LogqlParseException;
import io.sightline.query.promql.parser.Durations;
import io.sightline.query.promql.parser.GoStrings;

/**
 * Splits a LogQL query into tokens, all at once (queries are bounded by {@code maxQueryBytes}), as
 * Loki's lexer does: words are Go identifiers; a number followed without space by duration units
 * is a duration ({@code 5m}, {@code 1.5s}, {@code 1m30s}) or else by size units a byte size
 * ({@code 20MB}, {@code 1KiB}); {@code -} directly before a duration makes it negative;
 * {@code [...]} is one range token holding a Prometheus duration; {@code --strict} and {@code
 * --keep-empty} are flags; strings are Go's {@code "..."} or raw {@code `...`}; {@code #} starts a
 * comment. Not thread-safe; use once.
 */
final class Lexer {
    private static final Set<String> FLAGS = Set.of("--strict", "--keep-empty");

    private final String query;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

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
                tokens.add(new Token(TokenType.EOF, "", query.length(), null));
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
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void lexOne() {
        int start = pos;
        char c = query.charAt(pos);
        if (isDigit(c) || (c == '.' && isDigit(charAt(pos + 1)))) {
            lexNumber();
            return;
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '_')) {
                pos++;
            }
            add(TokenType.IDENTIFIER, start, null);
            return;
        }
        switch (c) {
            case '"' -> lexQuoted();
            case '`' -> lexRaw();
            case '[' -> lexRange();
            case '(' -> single(TokenType.LEFT_PAREN);
            case ')' -> single(TokenType.RIGHT_PAREN);
            case '{' -> single(TokenType.LEFT_BRACE);
            case '}' -> single(TokenType.RIGHT_BRACE);
            case ',' -> single(TokenType.COMMA);
            case '+' -> single(TokenType.ADD);
            case '*' -> single(TokenType.MUL);
            case '/' -> single(TokenType.DIV);
            case '%' -> single(TokenType.MOD);
            case '^' -> single(TokenType.POW);
            case '-' -> lexMinus();
            case '=' -> pair('=', TokenType.EQLC, '~', TokenType.EQL_REGEX, TokenType.ASSIGN);
            case '|' -> lexPipe();
            case '!' -> {
                if (peek(1) == '=' || peek(1) == '~' || peek(1) == '>') {
                    pair('=', TokenType.NEQ, '~', TokenType.NEQ_REGEX, null);
                } else {
                    throw error(start, "syntax error: unexpected character \"!\"");
                }
            }
            case '>' -> pair('=', TokenType.GTE, '\0', null, TokenType.GTR);
            case '<' -> pair('=', TokenType.LTE, '\0', null, TokenType.LSS);
            default -> throw error(start, "syntax error: unexpected character \""
                    + new String(Character.toChars(query.codePointAt(start))) + "\"");
        }
    }

    private void lexPipe() {
        int start = pos;
        char next = peek(1);
        TokenType type = switch (next) {
            case '=' -> TokenType.PIPE_EXACT;
            case '~' -> TokenType.PIPE_MATCH;
            case '>' -> TokenType.PIPE_PATTERN;
            default -> TokenType.PIPE;
        };
        pos += type == TokenType.PIPE ? 1 : 2;
        add(type, start, null);
    }

    /** {@code c?}: two-character tokens; {@code !>} handled here too. */
    private void pair(char second1, TokenType type1, char second2, TokenType type2, TokenType single) {
        int start = pos;
        char next = peek(1);
        if (query.charAt(pos) == '!' && next == '>') {
            pos += 2;
            add(TokenType.NOT_PATTERN, start, null);
        } else if (next == second1 && type1 != null) {
            pos += 2;
            add(type1, start, null);
        } else if (next == second2 && type2 != null) {
            pos += 2;
            add(type2, start, null);
        } else {
            pos++;
            add(single, start, null);
        }
    }

    private void single(TokenType type) {
        int start = pos++;
        add(type, start, null);
    }

    /** {@code --strict} (a flag), {@code -5m} (a negative duration) or a minus sign. */
    private void lexMinus() {
        int start = pos;
        if (peek(1) == '-') {
            int end = pos + 2;
            while (end < query.length() && (Character.isLetter(query.charAt(end)) || query.charAt(end) == '-')) {
                end++;
            }
            if (FLAGS.contains(query.substring(start, end))) {
                pos = end;
                add(TokenType.FLAG, start, null);
                return;
            }
        }
        int end = unitRun(pos + 1, true);
        if (end > pos + 1) {
            Optional<Duration> d = GoDurations.parse(query.substring(start, end));
            if (d.isPresent()) {
                pos = end;
                add(TokenType.DURATION, start, d.get());
                return;
            }
        }
        single(TokenType.SUB);
    }

    /** A number as Go's text/scanner reads a decimal one, then perhaps duration or size units glued to it. */
    private void lexNumber() {
        int start = pos;
        while (isDigit(charAt(pos))) {
            pos++;
        }
        if (charAt(pos) == '.') {
            pos++;
            while (isDigit(charAt(pos))) {
                pos++;
            }
        }
        if ((charAt(pos) == 'e' || charAt(pos) == 'E')
                && (isDigit(charAt(pos + 1)) || (isSign(charAt(pos + 1)) && isDigit(charAt(pos + 2))))) {
            pos += 2;
            while (isDigit(charAt(pos))) {
                pos++;
            }
        }
        int numberEnd = pos;
        int durationEnd = unitRun(numberEnd, true);
        if (durationEnd > numberEnd) {
            Optional<Duration> d = GoDurations.parse(query.substring(start, durationEnd));
            if (d.isPresent()) {
                pos = durationEnd;
                add(TokenType.DURATION, start, d.get());
                return;
            }
        }
        int bytesEnd = unitRun(numberEnd, false);
        if (bytesEnd > numberEnd) {
            OptionalLong b = ByteSizes.parse(query.substring(start, bytesEnd));
            if (b.isPresent()) {
                pos = bytesEnd;
                add(TokenType.BYTES, start, b.getAsLong());
                return;
            }
        }
        add(TokenType.NUMBER, start, null);
    }

    /** The end of the run of digits, dots and duration (or size) unit letters from {@code from}. */
    private int unitRun(int from, boolean duration) {
        int end = from;
        while (end < query.length()) {
            char c = query.charAt(end);
            boolean unit = duration ? "nuµmshdwy".indexOf(c) >= 0 : "BikKMGTP".indexOf(c) >= 0;
            if (!isDigit(c) && c != '.' && !unit) {
                break;
            }
            end++;
        }
        return end;
    }

    private void lexQuoted() {
        int start = pos++;
        while (true) {
            char c = charAt(pos);
            if (pos >= query.length() || c == '\n') {
                throw error(start, "literal not terminated");
            }
            pos++;
            if (c == '\\') {
                pos++;
            } else if (c == '"') {
                break;
            }
        }
        String text = query.substring(start, pos);
        try {
            tokens.add(new Token(TokenType.STRING, text, start, GoStrings.unquote(text)));
        } catch (IllegalArgumentException e) {
            throw error(start, e.getMessage());
        }
    }

    private void lexRaw() {
        int start = pos;
        int end = query.indexOf('`', pos + 1);
        if (end < 0) {
            throw error(start, "literal not terminated");
        }
        pos = end + 1;
        tokens.add(new Token(TokenType.STRING, query.substring(start, pos), start, query.substring(start + 1, end)));
    }

    /** {@code [5m]}: everything up to {@code ]} is the range, a Prometheus duration. */
    private void lexRange() {
        int start = pos;
        int end = query.indexOf(']', pos + 1);
        if (end < 0) {
            throw error(start, "missing closing ']' in duration");
        }
        String inner = query.substring(start + 1, end);
        long millis;
        try {
            millis = Durations.parseMillis(inner);
        } catch (IllegalArgumentException e) {
            throw error(start, e.getMessage());
        }
        pos = end + 1;
        tokens.add(new Token(TokenType.RANGE, inner, start, Duration.ofMillis(millis)));
    }

    private void add(TokenType type, int start, Object value) {
        tokens.add(new Token(type, query.substring(start, pos), start, value));
    }

    private char peek(int ahead) {
        return charAt(pos + ahead);
    }

    private char charAt(int i) {
        return i < query.length() ? query.charAt(i) : '\0';
    }

    private LogqlParseException error(int offset, String message) {
        return new LogqlParseException(query, offset, message);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }
}
