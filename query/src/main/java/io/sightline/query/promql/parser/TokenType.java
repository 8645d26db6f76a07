package io.sightline.query.promql.parser;

/** The kinds of token the PromQL lexer produces; words (keywords included) are all {@link #IDENTIFIER}. */
enum TokenType {
    EOF("end of input"),
    IDENTIFIER("identifier"),
    METRIC_IDENTIFIER("metric identifier"),
    NUMBER("number"),
    DURATION("duration"),
    STRING("string"),
    LEFT_PAREN("\"(\""),
    RIGHT_PAREN("\")\""),
    LEFT_BRACE("\"{\""),
    RIGHT_BRACE("\"}\""),
    LEFT_BRACKET("\"[\""),
    RIGHT_BRACKET("\"]\""),
    COMMA("\",\""),
    COLON("\":\""),
    AT("\"@\""),
    ASSIGN("\"=\""),
    EQL_REGEX("\"=~\""),
    NEQ_REGEX("\"!~\""),
    ADD("\"+\""),
    SUB("\"-\""),
    MUL("\"*\""),
    DIV("\"/\""),
    MOD("\"%\""),
    POW("\"^\""),
    EQLC("\"==\""),
    NEQ("\"!=\""),
    LTE("\"<=\""),
    LSS("\"<\""),
    GTE("\">=\""),
    GTR("\">\"");

    private final String description;

    TokenType(String description) {
        this.description = description;
    }

    /** How Prometheus names the token in "unexpected ..." messages. */
    String description() {
        return description;
    }
}
