package io.sightline.query.logql.parser;

/**
 * LogQL's binary operators with Loki's (= PromQL's) precedence, higher binds tighter; only
 * {@code ^} is right-associative.
 */
public enum BinaryOp {
    OR("or", 1), AND("and", 2), UNLESS("unless", 2),
    EQL("==", 3), NEQ("!=", 3), GTR(">", 3), GTE(">=", 3), LSS("<", 3), LTE("<=", 3),
    ADD("+", 4), SUB("-", 4),
    MUL("*", 5), DIV("/", 5), MOD("%", 5),
    POW("^", 6);

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
        return this == OR || this == AND || this == UNLESS;
    }

    /** The operator a token stands for at a binary-operator position, or null. */
    static BinaryOp of(Token t) {
        return switch (t.type()) {
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case DIV -> DIV;
            case MOD -> MOD;
            case POW -> POW;
            case EQLC -> EQL;
            case NEQ -> NEQ;
            case GTR -> GTR;
            case GTE -> GTE;
            case LSS -> LSS;
            case LTE -> LTE;
            case IDENTIFIER -> t.isWord("or") ? OR : t.isWord("and") ? AND : t.isWord("unless") ? UNLESS : null;
            default -> null;
        };
    }

    /**
     * The value of {@code l op r} for two literals, as Loki folds them: division and modulo by zero
     * give NaN, comparisons give 1 or 0.
     */
    double fold(double l, double r) {
        return switch (this) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> r == 0 ? Double.NaN : l / r;
            case MOD -> r == 0 ? Double.NaN : l % r;
            case POW -> Math.pow(l, r);
            case EQL -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GTR -> l > r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LSS -> l < r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case OR, AND, UNLESS -> throw new IllegalStateException("set operators are not folded");
        };
    }
}
