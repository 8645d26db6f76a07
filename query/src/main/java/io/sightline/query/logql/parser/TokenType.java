package io.sightline.query.logql.parser;

/** The kinds of LogQL token; words (keywords included) are all {@link #IDENTIFIER}. */
enum TokenType {
    EOF("$end"), IDENTIFIER("IDENTIFIER"), NUMBER("NUMBER"), DURATION("DURATION"), BYTES("BYTES"),
    STRING("STRING"), RANGE("RANGE"), FLAG("FUNCTION_FLAG"),
    LEFT_PAREN("("), RIGHT_PAREN(")"), LEFT_BRACE("{"), RIGHT_BRACE("}"), COMMA(","),
    ASSIGN("="), NEQ("!="), EQL_REGEX("=~"), NEQ_REGEX("!~"), NOT_PATTERN("!>"),
    PIPE("|"), PIPE_EXACT("|="), PIPE_MATCH("|~"), PIPE_PATTERN("|>"),
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
    EQLC("=="), GTR(">"), GTE(">="), LSS("<"), LTE("<=");

    private final String description;

    TokenType(String description) {
        this.description = description;
    }

    /** How Loki's yacc parser names the token in "unexpected ..., expecting ..." messages. */
    String description() {
        return description;
    }
}
