package io.sightline.query.traces.traceql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a TraceQL query into {@link Token}s. Attribute keys run, as in Tempo's lexer, up to white
 * space or one of {@code {}()=~!<>&|^,"}; {@code span."a b"} quotes a key. Operators outside the
 * supported subset ({@code |}, {@code ~}, {@code <<}, {@code !>}, {@code &>>}, arithmetic) and
 * scopes other than {@code span}/{@code resource} are refused here with a message naming them.
 */
final class Lexer {
    private static final String ATTRIBUTE_END = " \t\n\r{}()=~!<>&|^,\"";

    private final String query;
    private int pos;

    private Lexer(String query) {
        this.query = query;
    }

    static List<Token> tokens(String query) {
        Lexer lexer = new Lexer(query);
        List<Token> out = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            out.add(token);
        } while (token.type() != Token.Type.EOF);
        return out;
    }

    private Token next() {
        while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= query.length()) {
            return new Token(Token.Type.EOF, "", start);
        }
        char c = query.charAt(pos);
        char n = pos + 1 < query.length() ? query.charAt(pos + 1) : '\0';
        switch (c) {
            case '{': return symbol(Token.Type.OPEN_BRACE, 1);
            case '}': return symbol(Token.Type.CLOSE_BRACE, 1);
            case '(': return symbol(Token.Type.OPEN_PAREN, 1);
            case ')': return symbol(Token.Type.CLOSE_PAREN, 1);
            case '&':
                if (n == '&') {
                    return symbol(Token.Type.AND, 2);
                }
                throw unsupported(start, "the union structural operators (&>, &>>, &<, &<<, &~)");
            case '|':
                if (n == '|') {
                    return symbol(Token.Type.OR, 2);
                }
                throw unsupported(start, "the pipeline operator | (aggregates, by(), select() and scalar filters)");
            case '>':
                if (n == '>') {
                    return symbol(Token.Type.DESCENDANT, 2);
                }
                return n == '=' ? symbol(Token.Type.GTE, 2) : symbol(Token.Type.GT, 1);
            case '<':
                if (n == '<') {
                    throw unsupported(start, "the ancestor operator <<");
                }
                return n == '=' ? symbol(Token.Type.LTE, 2) : symbol(Token.Type.LT, 1);
            case '=':
                return n == '~' ? symbol(Token.Type.RE, 2) : symbol(Token.Type.EQ, 1);
            case '!':
                if (n == '=') {
                    return symbol(Token.Type.NEQ, 2);
                }
                if (n == '~') {
                    return symbol(Token.Type.NRE, 2);
                }
                if (n == '>' || n == '<') {
                    throw unsupported(start, "the negated structural operators (!>, !>>, !<, !<<, !~)");
                }
                throw unsupported(start, "negation with !");
            case '~':
                throw unsupported(start, "the sibling operator ~");
            case '"':
            case '`':
                return new Token(Token.Type.STRING, string(), start);
            case '.':
                pos++;
                return new Token(Token.Type.UNSCOPED_ATTRIBUTE, attributeKey(start), start);
            case '+': case '*': case '/': case '%': case '^':
                throw unsupported(start, "arithmetic (" + c + ")");
            case ',':
                throw unsupported(start, "the comma (lists of arguments belong to pipeline functions)");
            default:
                break;
        }
        if (Character.isDigit(c) || (c == '-' && Character.isDigit(n))) {
            return number(start);
        }
        if (c == '-') {
            throw unsupported(start, "arithmetic (-)");
        }
        if (Character.isLetter(c) || c == '_') {
            return word(start);
        }
        throw new TraceqlParseException(query, start, "unexpected character '" + c + "'");
    }

    private Token symbol(Token.Type type, int length) {
        int start = pos;
        pos += length;
        return new Token(type, query.substring(start, pos), start);
    }

    private Token word(int start) {
        while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '_')) {
            pos++;
        }
        String word = query.substring(start, pos);
        char after = pos < query.length() ? query.charAt(pos) : '\0';
        if (after == '.') {
            switch (word) {
                case "span" -> {
                    pos++;
                    return new Token(Token.Type.SPAN_ATTRIBUTE, attributeKey(start), start);
                }
                case "resource" -> {
                    pos++;
                    return new Token(Token.Type.RESOURCE_ATTRIBUTE, attributeKey(start), start);
                }
                case "event", "link", "instrumentation", "parent", "trace" ->
                        throw unsupported(start, "the " + word + ". attribute scope (only span., resource. and unscoped . are)");
                default -> throw new TraceqlParseException(query, start, "unknown attribute scope " + word
                        + ". (span., resource. or unscoped .)");
            }
        }
        if (after == ':') {
            pos++;
            int nameStart = pos;
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '_')) {
                pos++;
            }
            String intrinsic = query.substring(nameStart, pos);
            if (word.equals("span") && List.of("name", "status", "duration", "kind").contains(intrinsic)) {
                return new Token(Token.Type.IDENTIFIER, intrinsic, start);
            }
            throw unsupported(start, "the intrinsic " + word + ":" + intrinsic);
        }
        return new Token(Token.Type.IDENTIFIER, word, start);
    }

    private String attributeKey(int start) {
        if (pos < query.length() && query.charAt(pos) == '"') {
            return string();
        }
        int keyStart = pos;
        while (pos < query.length() && ATTRIBUTE_END.indexOf(query.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == keyStart) {
            throw new TraceqlParseException(query, start, "attribute without a name");
        }
        return query.substring(keyStart, pos);
    }

    private String string() {
        int start = pos;
        char quote = query.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < query.length()) {
            char c = query.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && quote == '"') {
                if (pos >= query.length()) {
                    break;
                }
                char e = query.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\', '"' -> out.append(e);
                    default -> throw new TraceqlParseException(query, pos - 2, "unknown escape sequence \\" + e);
                }
            } else {
                out.append(c);
            }
        }
        throw new TraceqlParseException(query, start, "unterminated string");
    }

    private Token number(int start) {
        if (query.charAt(pos) == '-') {
            pos++;
        }
        boolean isFloat = false;
        while (pos < query.length() && (Character.isDigit(query.charAt(pos)) || query.charAt(pos) == '.')) {
            isFloat |= query.charAt(pos) == '.';
            pos++;
        }
        if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')
                && pos + 1 < query.length() && (Character.isDigit(query.charAt(pos + 1))
                || ((query.charAt(pos + 1) == '-' || query.charAt(pos + 1) == '+') && pos + 2 < query.length()
                && Character.isDigit(query.charAt(pos + 2))))) {
            isFloat = true;
            pos += 2;
            while (pos < query.length() && Character.isDigit(query.charAt(pos))) {
                pos++;
            }
        } else if (pos < query.length() && (Character.isLetter(query.charAt(pos)) || query.charAt(pos) == 'µ')) {
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos))
                    || query.charAt(pos) == '.' || query.charAt(pos) == 'µ')) {
                pos++;
            }
            return new Token(Token.Type.DURATION, query.substring(start, pos), start);
        }
        return new Token(isFloat ? Token.Type.FLOAT : Token.Type.INTEGER, query.substring(start, pos), start);
    }

    private TraceqlParseException unsupported(int offset, String what) {
        return new TraceqlParseException(query, offset, "unsupported TraceQL: " + what);
    }
}
