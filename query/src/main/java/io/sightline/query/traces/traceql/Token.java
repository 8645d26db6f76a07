package io.sightline.query.traces.traceql;

/**
 * One lexical token of a TraceQL query.
 *
 * @param type   what it is
 * @param text   the source text (an attribute's key without scope, a string's decoded value)
 * @param offset 0-based character offset in the query
 */
record Token(Type type, String text, int offset) {
    enum Type {
        OPEN_BRACE("{"), CLOSE_BRACE("}"), OPEN_PAREN("("), CLOSE_PAREN(")"),
        AND("&&"), OR("||"), DESCENDANT(">>"),
        EQ("="), NEQ("!="), RE("=~"), NRE("!~"), GT(">"), GTE(">="), LT("<"), LTE("<="),
        /** A string literal; text is the decoded value. */
        STRING("string"),
        /** An integer literal; text as written. */
        INTEGER("integer"),
        /** A float literal; text as written. */
        FLOAT("float"),
        /** A duration literal; text as written. */
        DURATION("duration"),
        /** {@code span.x}: text is the key. */
        SPAN_ATTRIBUTE("span attribute"),
        /** {@code resource.x}: text is the key. */
        RESOURCE_ATTRIBUTE("resource attribute"),
        /** {@code .x}: text is the key. */
        UNSCOPED_ATTRIBUTE("attribute"),
        /** A bare word: intrinsic, keyword or literal name; text as written. */
        IDENTIFIER("identifier"),
        EOF("end of query");

        final String display;

        Type(String display) {
            this.display = display;
        }
    }
}
