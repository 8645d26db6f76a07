package io.sightline.query.template;

import io.sightline.query.template.TemplateToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into {@link TemplateToken}s the way Go's {@code text/template/parse} lexer
 * does: text outside {@code {{ }}}, trim markers {@code {{- } and { -}}} (a minus next to the
 * delimiter and one space, tab or newline) that drop the white space on their side, comments
 * {@code {{/* ... *}{@code /}}}, and inside actions fields, variables, identifiers, keywords,
 * strings, raw strings, char constants and numbers. Stops at the first error, emitting it as an
 * {@link Kind#ERROR} token with Go's message.
 */
final class TemplateLexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
            Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE), Map.entry("else", Kind.ELSE),
            Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
            Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));

    private final String input;
    private final boolean breakOk;
    private final boolean continueOk;
    private final List<TemplateToken> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;

    /**
     * @param breakOk    whether {@code break} is the keyword (false when a function has that name)
     * @param continueOk the same for {@code continue}
     */
    private TemplateLexer(String input, boolean breakOk, boolean continueOk) {
        this.input = input;
        this.breakOk = breakOk;
        this.continueOk = continueOk;
    }

    static List<TemplateToken> lex(String input, boolean breakOk, boolean continueOk) {
        TemplateLexer lexer = new TemplateLexer(input, breakOk, continueOk);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean ok = true;
        while (ok) {
            ok = lexText() && lexAction();
        }
    }

    private void emit(Kind kind) {
        tokens.add(new TemplateToken(kind, start, startLine, input.substring(start, pos)));
        start = pos;
        startLine = line;
    }

    private void ignore() {
        line += count(input, start, pos);
        start = pos;
        startLine = line;
    }

    private boolean error(String message) {
        tokens.add(new TemplateToken(Kind.ERROR, start, startLine, message));
        return false;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    /** 0 when not at a right delimiter, 1 when at one, 2 when at one with a trim marker. */
    private int atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            return 2;
        }
        return input.startsWith(RIGHT, pos) ? 1 : 0;
    }

    /** Text up to the next action; false at the end of input. */
    private boolean lexText() {
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            pos = input.length();
            if (pos > start) {
                line += count(input, start, pos);
                emit(Kind.TEXT);
            }
            emit(Kind.EOF);
            return false;
        }
        pos = x;
        int trim = 0;
        if (hasLeftTrimMarker(x + LEFT.length())) {
            int t = x;
            while (t > start && isSpace(input.charAt(t - 1))) {
                t--;
            }
            trim = x - t;
        }
        pos -= trim;
        if (pos > start) {
            line += count(input, start, pos);
            emit(Kind.TEXT);
        }
        pos += trim;
        ignore();
        return true;
    }

    /** From a left delimiter to past its right delimiter (or a comment); false on error. */
    private boolean lexAction() {
        pos += LEFT.length();
        boolean trim = hasLeftTrimMarker(pos);
        int afterMarker = trim ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            return lexComment();
        }
        emit(Kind.LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        while (true) {
            int delim = atRightDelim();
            if (delim > 0) {
                if (parenDepth != 0) {
                    return error("unclosed left paren");
                }
                return lexRightDelim(delim == 2);
            }
            if (!lexInsideAction()) {
                return false;
            }
        }
    }

    private boolean lexComment() {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        pos = x + 2;
        int delim = atRightDelim();
        if (delim == 0) {
            return error("comment ends before closing delimiter");
        }
        pos += (delim == 2 ? 2 : 0) + RIGHT.length();
        if (delim == 2) {
            skipLeadingSpace();
        }
        ignore();
        return true;
    }

    private boolean lexRightDelim(boolean trim) {
        if (trim) {
            pos += 2;
            ignore();
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (trim) {
            skipLeadingSpace();
            ignore();
        }
        return true;
    }

    private void skipLeadingSpace() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
    }

    private int peek() {
        return pos < input.length() ? input.codePointAt(pos) : -1;
    }

    private int next() {
        int c = peek();
        if (c >= 0) {
            pos += Character.charCount(c);
            if (c == '\n') {
                line++;
            }
        }
        return c;
    }

    /** One item inside an action; false on error. */
    private boolean lexInsideAction() {
        int c = next();
        if (c < 0) {
            return error("unclosed action");
        }
        if (isSpace(c)) {
            return lexSpace();
        }
        switch (c) {
            case '=' -> emit(Kind.ASSIGN);
            case ':' -> {
                if (next() != '=') {
                    return error("expected :=");
                }
                emit(Kind.DECLARE);
            }
            case '|' -> emit(Kind.PIPE);
            case '"' -> {
                return lexQuote('"', Kind.STRING, "unterminated quoted string");
            }
            case '`' -> {
                return lexRawQuote();
            }
            case '$' -> {
                return lexFieldOrVariable(Kind.VARIABLE);
            }
            case '\'' -> {
                return lexQuote('\'', Kind.CHAR_CONSTANT, "unterminated character constant");
            }
            case '(' -> {
                emit(Kind.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(Kind.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren");
                }
            }
            default -> {
                if (c == '.' && pos < input.length() && !Character.isDigit(input.charAt(pos))) {
                    return lexFieldOrVariable(Kind.FIELD);
                }
                if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                    pos--;
                    return lexNumber();
                }
                if (isAlphaNumeric(c)) {
                    return lexIdentifier();
                }
                if (c < 0x80 && c >= 0x20 && c != 0x7f) {
                    emit(Kind.CHAR);
                } else {
                    return error("unrecognized character in action: " + GoValues.describeRune(c));
                }
            }
        }
        return true;
    }

    private boolean lexSpace() {
        int spaces = 1;
        while (isSpace(peek())) {
            next();
            spaces++;
        }
        // A trim-marked right delimiter starts with a space: leave that space to it.
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
            pos--;
            if (input.charAt(pos) == '\n') {
                line--;
            }
            if (spaces == 1) {
                return true;
            }
        }
        emit(Kind.SPACE);
        return true;
    }

    private boolean lexIdentifier() {
        while (isAlphaNumeric(peek())) {
            next();
        }
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + GoValues.describeRune(peek()));
        }
        Kind keyword = KEYWORDS.get(word);
        if (keyword != null && (keyword != Kind.BREAK || breakOk) && (keyword != Kind.CONTINUE || continueOk)) {
            emit(keyword);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Kind.BOOL);
        } else {
            emit(Kind.IDENTIFIER);
        }
        return true;
    }

    /** After the {@code .} or {@code $}: {@code .Name}, {@code $name}, or alone {@code .}/{@code $}. */
    private boolean lexFieldOrVariable(Kind kind) {
        if (atTerminator()) {
            emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
            return true;
        }
        while (isAlphaNumeric(peek())) {
            next();
        }
        if (!atTerminator()) {
            return error("bad character " + GoValues.describeRune(peek()));
        }
        emit(kind);
        return true;
    }

    private boolean atTerminator() {
        int c = peek();
        if (c < 0 || isSpace(c)) {
            return true;
        }
        return switch (c) {
            case '.', ',', '|', ':', ')', '(' -> true;
            default -> c == RIGHT.charAt(0);
        };
    }

    private boolean lexQuote(char quote, Kind kind, String unterminated) {
        while (true) {
            int c = next();
            if (c == '\\') {
                c = next();
                if (c >= 0 && c != '\n') {
                    continue;
                }
            }
            if (c < 0 || c == '\n') {
                return error(unterminated);
            }
            if (c == quote) {
                break;
            }
        }
        emit(kind);
        return true;
    }

    private boolean lexRawQuote() {
        int x = input.indexOf('`', pos);
        if (x < 0) {
            return error("unterminated raw quoted string");
        }
        line += count(input, pos, x);
        pos = x + 1;
        emit(Kind.RAW_STRING);
        return true;
    }

    private boolean lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + io.sightline.query.promql.parser.GoStrings.quote(
                    input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            scanNumber();
            return error("complex numbers are not supported: " + input.substring(start, pos));
        }
        if (input.charAt(pos - 1) == 'i') {
            return error("complex numbers are not supported: " + input.substring(start, pos));
        }
        emit(Kind.NUMBER);
        return true;
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private boolean accept(String valid) {
        int c = peek();
        if (c >= 0 && valid.indexOf(c) >= 0) {
            next();
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // absorb
        }
    }

    static boolean isAlphaNumeric(int c) {
        return c == '_' || Character.isLetter(c) || Character.isDigit(c);
    }
}
