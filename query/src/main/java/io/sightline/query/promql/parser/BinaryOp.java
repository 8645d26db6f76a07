package io.sightline.query.promql.parser;

import java.util.Locale;

/** Binary operators with Prometheus's precedence (higher binds tighter); only {@code ^} is right-associative. */
public enum BinaryOp {
    LOR("or", 1), LAND("and", 2), LUNLESS("unless", 2),
    EQLC("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
    ADD("+", 4), SUB("-", 4),
    MUL("*", 5), DIV("/", 5), MOD("%", 5), ATAN2("atan2", 5),
    POW("^", 6);

    /** Unary minus binds like {@code *}: {@code -a^b} is {@code -(a^b)}, {@code -a*b} is {@code (-a)*b}. */
    static final int UNARY_OPERAND_PRECEDENCE = 6;

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    boolean rightAssociative() {
        return this == POW;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    public boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    /** Arithmetic operators drop the metric name from their results. */
    public boolean isArithmetic() {
        return precedence >= 4;
    }

    /** The operator a token stands for, or null when it is none. */
    static BinaryOp of(Token token) {
        return switch (token.type()) {
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case DIV -> DIV;
            case MOD -> MOD;
            case POW -> POW;
            case EQLC -> EQLC;
            case NEQ -> NEQ;
            case GTR -> GTR;
            case LSS -> LSS;
            case GTE -> GTE;
            case LTE -> LTE;
            case IDENTIFIER -> switch (token.text().toLowerCase(Locale.ROOT)) {
                case "and" -> LAND;
                case "or" -> LOR;
                case "unless" -> LUNLESS;
                case "atan2" -> ATAN2;
                default -> null;
            };
            default -> null;
        };
    }

    @Override
    public String toString() {
        return symbol;
    }
}
