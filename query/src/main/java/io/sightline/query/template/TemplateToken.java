package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;

/**
 * One lexical item of a template, as Go's {@code text/template/parse} lexer emits them.
 *
 * @param kind what it is
 * @param pos  char offset of its first char in the template text
 * @param line 1-based line of its first char
 * @param text its text (for {@link Kind#ERROR}, the error message)
 */
record TemplateToken(Kind kind, int pos, int line, String text) {

    enum Kind {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN,
        NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // Keywords, printed as <name> in messages.
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** As Go's {@code item.String()} writes it in "unexpected ..." messages. */
    @Override
    public String toString() {
        if (kind == Kind.EOF) {
            return "EOF";
        }
        if (kind == Kind.ERROR) {
            return text;
        }
        if (kind.isKeyword()) {
            return "<" + text + ">";
        }
        if (text.codePointCount(0, text.length()) > 10) {
            return GoStrings.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
        }
        return GoStrings.quote(text);
    }
}
