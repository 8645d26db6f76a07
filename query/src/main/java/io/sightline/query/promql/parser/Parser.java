package io.sightline.query.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sightline.query.promql.PromqlParseException;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * Recursive-descent PromQL parser with precedence climbing for binary operators, producing the
 * immutable AST and then type-checking it ({@link TypeChecker}) as Prometheus does. Errors are
 * {@link PromqlParseException}s positioned on the offending token. Not thread-safe; use once via
 * {@link #parse(String)}.
 */
public final class Parser {
    private final String query;
    private final List<Token> tokens;
    private int next;

    private Parser(String query) {
        this.query = query;
        this.tokens = Lexer.lex(query);
    }

    /**
     * Parses and type-checks a query.
     *
     * @throws PromqlParseException with Prometheus's wording and the position of the problem
     */
    public static Expr parse(String query) {
        Parser parser = new Parser(query);
        if (parser.peek().is(TokenType.EOF)) {
            throw parser.error(parser.peek(), "no expression found in input");
        }
        Expr expr = parser.parseExpr(0);
        Token rest = parser.peek();
        if (!rest.is(TokenType.EOF)) {
            throw parser.unexpected(rest, "");
        }
        new TypeChecker(query).check(expr);
        return expr;
    }

    // ---- binary and unary expressions

    private Expr parseExpr(int minPrecedence) {
        Expr lhs = parseUnary();
        while (true) {
            Token opToken = peek();
            BinaryOp op = BinaryOp.of(opToken);
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next++;
            boolean returnBool = false;
            if (peek().isWord("bool")) {
                next++;
                returnBool = true;
            }
            VectorMatching matching = parseMatching(op);
            Expr rhs = parseExpr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new BinaryExpr(op, lhs, rhs, matching, returnBool, lhs.position());
        }
    }

    private VectorMatching parseMatching(BinaryOp op) {
        VectorMatching.Cardinality card = op.isSetOperator()
                ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> matching = List.of();
        boolean on = false;
        List<String> include = List.of();
        if (peek().isWord("on") || peek().isWord("ignoring")) {
            on = take().isWord("on");
            matching = parseLabelList();
            if (peek().isWord("group_left") || peek().isWord("group_right")) {
                card = take().isWord("group_left")
                        ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
                if (peek().is(TokenType.LEFT_PAREN)) {
                    include = parseLabelList();
                }
            }
        } else if (peek().isWord("group_left") || peek().isWord("group_right")) {
            throw unexpected(peek(), "");
        }
        return new VectorMatching(card, matching, on, include);
    }

    private Expr parseUnary() {
        Token t = peek();
        if (t.is(TokenType.ADD) || t.is(TokenType.SUB)) {
            next++;
            Expr operand = parseExpr(BinaryOp.UNARY_OPERAND_PRECEDENCE);
            boolean negate = t.is(TokenType.SUB);
            if (operand instanceof NumberLiteral n) {
                return new NumberLiteral(negate ? -n.value() : n.value(), n.duration(), t.offset());
            }
            return new UnaryExpr(negate, operand, t.offset());
        }
        return parsePostfix(parsePrimary());
    }

    // ---- postfix: [range], [range:step], offset, @

    private Expr parsePostfix(Expr expr) {
        while (true) {
            Token t = peek();
            if (t.is(TokenType.LEFT_BRACKET)) {
                expr = parseRangeOrSubquery(expr);
            } else if (t.isWord("offset")) {
                next++;
                expr = applyOffset(expr, t, parseSignedDuration());
            } else if (t.is(TokenType.AT)) {
                next++;
                expr = applyAt(expr, t, parseAt());
            } else {
                return expr;
            }
        }
    }

    private Expr parseRangeOrSubquery(Expr expr) {
        Token open = take();
        long range = parseDuration("range");
        if (peek().is(TokenType.COLON)) {
            next++;
            long step = 0;
            if (!peek().is(TokenType.RIGHT_BRACKET)) {
                step = parseDuration("step");
            }
            expect(TokenType.RIGHT_BRACKET, "in subquery");
            return new SubqueryExpr(expr, range, step, 0, AtModifier.NONE, expr.position());
        }
        expect(TokenType.RIGHT_BRACKET, "in range selector");
        if (!(expr instanceof VectorSelector vs)) {
            throw error(open, "ranges only allowed for vector selectors");
        }
        if (vs.offsetMs() != 0 || vs.at().isSet()) {
            throw error(open, "no offset or @ modifiers allowed before range");
        }
        return new MatrixSelector(vs, range, vs.position());
    }

    private Expr applyOffset(Expr expr, Token at, long offset) {
        return switch (expr) {
            case VectorSelector vs -> {
                requireNoOffset(vs.offsetMs(), at);
                yield vs.withOffset(offset);
            }
            case MatrixSelector ms -> {
                requireNoOffset(ms.selector().offsetMs(), at);
                yield new MatrixSelector(ms.selector().withOffset(offset), ms.rangeMs(), ms.position());
            }
            case SubqueryExpr sq -> {
                requireNoOffset(sq.offsetMs(), at);
                yield new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), offset, sq.at(), sq.position());
            }
            default -> throw error(at, "offset modifier must be preceded by an instant vector selector or range "
                    + "vector selector or a subquery");
        };
    }

    private void requireNoOffset(long existing, Token at) {
        if (existing != 0) {
            throw error(at, "offset may not be set multiple times");
        }
    }

    private Expr applyAt(Expr expr, Token token, AtModifier at) {
        return switch (expr) {
            case VectorSelector vs -> {
                requireNoAt(vs.at(), token);
                yield vs.withAt(at);
            }
            case MatrixSelector ms -> {
                requireNoAt(ms.selector().at(), token);
                yield new MatrixSelector(ms.selector().withAt(at), ms.rangeMs(), ms.position());
            }
            case SubqueryExpr sq -> {
                requireNoAt(sq.at(), token);
                yield new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), sq.offsetMs(), at, sq.position());
            }
            default -> throw error(token, "@ modifier must be preceded by an instant vector selector or range "
                    + "vector selector or a subquery");
        };
    }

    private void requireNoAt(AtModifier existing, Token token) {
        if (existing.isSet()) {
            throw error(token, "@ <timestamp> may not be set multiple times");
        }
    }

    private AtModifier parseAt() {
        Token t = peek();
        if (t.isWord("start") || t.isWord("end")) {
            next++;
            expect(TokenType.LEFT_PAREN, "in @ modifier");
            expect(TokenType.RIGHT_PAREN, "in @ modifier");
            return t.isWord("start") ? AtModifier.START : AtModifier.END;
        }
        boolean negative = false;
        if (t.is(TokenType.SUB) || t.is(TokenType.ADD)) {
            negative = t.is(TokenType.SUB);
            next++;
            t = peek();
        }
        if (!t.is(TokenType.NUMBER)) {
            throw unexpected(t, " in @, expected timestamp");
        }
        next++;
        double seconds = Numbers.parse(t.text()) * (negative ? -1 : 1);
        double millis = Math.rint(seconds * 1000);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || millis > Long.MAX_VALUE || millis < Long.MIN_VALUE) {
            throw error(t, "timestamp out of bounds for @ modifier: " + Numbers.format(seconds));
        }
        return AtModifier.at(Math.round(seconds * 1000));
    }

    private long parseSignedDuration() {
        boolean negative = false;
        if (peek().is(TokenType.SUB)) {
            next++;
            negative = true;
        }
        long d = parseDuration("offset");
        return negative ? -d : d;
    }

    /** A duration, or (Prometheus 3) a number of seconds. */
    private long parseDuration(String what) {
        Token t = peek();
        if (t.is(TokenType.DURATION)) {
            next++;
            try {
                return Durations.parseMillis(t.text());
            } catch (IllegalArgumentException e) {
                throw error(t, e.getMessage());
            }
        }
        if (t.is(TokenType.NUMBER)) {
            next++;
            double seconds = Numbers.parse(t.text());
            if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
                throw error(t, "invalid " + what + " " + t.text());
            }
            return Math.round(seconds * 1000);
        }
        throw unexpected(t, " in " + what + ", expected duration");
    }

    // ---- primary expressions

    private Expr parsePrimary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER -> {
                next++;
                return new NumberLiteral(Numbers.parse(t.text()), false, t.offset());
            }
            case DURATION -> {
                next++;
                return new NumberLiteral(Durations.parseMillis(t.text()) / 1000.0, true, t.offset());
            }
            case STRING -> {
                next++;
                return new StringLiteral(unquote(t), t.offset());
            }
            case LEFT_PAREN -> {
                next++;
                Expr inner = parseExpr(0);
                expect(TokenType.RIGHT_PAREN, "");
                return new ParenExpr(inner, t.offset());
            }
            case LEFT_BRACE -> {
                return parseSelector("", t.offset());
            }
            case IDENTIFIER, METRIC_IDENTIFIER -> {
                return parseWord(t);
            }
            default -> throw unexpected(t, "");
        }
    }

    private Expr parseWord(Token t) {
        Token after = peek(1);
        AggregationOp agg = t.is(TokenType.IDENTIFIER) ? AggregationOp.of(t.text()) : null;
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (lower.equals("limitk") || lower.equals("limit_ratio")) {
            throw error(t, "limitk() and limit_ratio() are experimental and must be enabled with "
                    + "--enable-feature=promql-experimental-functions");
        }
        if (agg != null && (after.is(TokenType.LEFT_PAREN) || after.isWord("by") || after.isWord("without"))) {
            return parseAggregation(agg, t);
        }
        if (after.is(TokenType.LEFT_PAREN)) {
            return parseCall(t);
        }
        if (BinaryOp.of(t) != null || agg != null) {
            throw unexpected(t, "");
        }
        next++;
        return parseSelector(t.text(), t.offset());
    }

    private Expr parseAggregation(AggregationOp op, Token opToken) {
        next++;
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = false;
        if (peek().isWord("by") || peek().isWord("without")) {
            without = take().isWord("without");
            grouping = parseLabelList();
            grouped = true;
        }
        expect(TokenType.LEFT_PAREN, "in aggregation");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(TokenType.RIGHT_PAREN)) {
            args.add(parseExpr(0));
            while (peek().is(TokenType.COMMA)) {
                next++;
                args.add(parseExpr(0));
            }
        }
        expect(TokenType.RIGHT_PAREN, "in aggregation");
        if (!grouped && (peek().isWord("by") || peek().isWord("without"))) {
            without = take().isWord("without");
            grouping = parseLabelList();
        }
        int expected = op.hasParameter() ? 2 : 1;
        if (args.size() != expected) {
            throw error(opToken, "wrong number of arguments for aggregate expression provided, expected "
                    + expected + ", got " + args.size());
        }
        Optional<Expr> param = op.hasParameter() ? Optional.of(args.get(0)) : Optional.empty();
        return new AggregateExpr(op, args.get(args.size() - 1), param, grouping, without, opToken.offset());
    }

    private Expr parseCall(Token name) {
        FunctionSignature f = FunctionSignature.named(name.text())
                .orElseThrow(() -> error(name, "unknown function with name \"" + name.text() + "\""));
        next++;
        expect(TokenType.LEFT_PAREN, "");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(TokenType.RIGHT_PAREN)) {
            args.add(parseExpr(0));
            while (peek().is(TokenType.COMMA)) {
                Token comma = take();
                if (peek().is(TokenType.RIGHT_PAREN)) {
                    throw error(comma, "trailing commas not allowed in function call args");
                }
                args.add(parseExpr(0));
            }
        }
        expect(TokenType.RIGHT_PAREN, "in call to function \"" + f.name() + "\"");
        return new Call(f, args, name.offset());
    }

    /** {@code name}, {@code name{...}} or {@code {...}}; the current token is the one after the name. */
    private Expr parseSelector(String name, int position) {
        List<LabelMatcher> matchers = new ArrayList<>();
        String metricName = name;
        if (peek().is(TokenType.LEFT_BRACE)) {
            next++;
            while (!peek().is(TokenType.RIGHT_BRACE)) {
                Token labelToken = take();
                String label;
                if (labelToken.is(TokenType.STRING)) {
                    label = unquote(labelToken);
                    if (metricName.isEmpty() && matchers.isEmpty()
                            && (peek().is(TokenType.COMMA) || peek().is(TokenType.RIGHT_BRACE))) {
                        // Prometheus 3: {"metric.name"} names the metric.
                        metricName = label;
                        skipComma();
                        continue;
                    }
                } else if (labelToken.is(TokenType.IDENTIFIER)) {
                    label = labelToken.text();
                } else {
                    throw unexpected(labelToken, " in label matching, expected label");
                }
                Token opToken = take();
                LabelMatcher.Type type = switch (opToken.type()) {
                    case ASSIGN -> LabelMatcher.Type.EQUAL;
                    case NEQ -> LabelMatcher.Type.NOT_EQUAL;
                    case EQL_REGEX -> LabelMatcher.Type.REGEX;
                    case NEQ_REGEX -> LabelMatcher.Type.NOT_REGEX;
                    default -> throw unexpected(opToken, " in label matching, expected label matching operator");
                };
                Token valueToken = take();
                if (!valueToken.is(TokenType.STRING)) {
                    throw unexpected(valueToken, " in label matching, expected string");
                }
                try {
                    matchers.add(LabelMatcher.of(type, label, unquote(valueToken)));
                } catch (IllegalArgumentException e) {
                    throw error(valueToken, e.getMessage());
                }
                skipComma();
            }
            next++;
        }
        if (!metricName.isEmpty()) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw new PromqlParseException(query, position, "metric name must not be set twice: \""
                            + metricName + "\" or \"" + m.value() + "\"");
                }
            }
            matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, metricName));
        } else if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new PromqlParseException(query, position,
                    "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(metricName, matchers, 0, AtModifier.NONE, position);
    }

    private void skipComma() {
        if (peek().is(TokenType.COMMA)) {
            next++;
        } else if (!peek().is(TokenType.RIGHT_BRACE)) {
            throw unexpected(peek(), " in label matching, expected \",\" or \"}\"");
        }
    }

    /** {@code (a, b, "c.d")}: label names for grouping, matching or group_x; keywords are allowed. */
    private List<String> parseLabelList() {
        expect(TokenType.LEFT_PAREN, "in grouping opts");
        List<String> labels = new ArrayList<>();
        while (!peek().is(TokenType.RIGHT_PAREN)) {
            Token t = take();
            if (t.is(TokenType.IDENTIFIER)) {
                labels.add(t.text());
            } else if (t.is(TokenType.STRING)) {
                labels.add(unquote(t));
            } else {
                throw unexpected(t, " in grouping opts, expected label");
            }
            if (peek().is(TokenType.COMMA)) {
                next++;
            } else if (!peek().is(TokenType.RIGHT_PAREN)) {
                throw unexpected(peek(), " in grouping opts, expected \",\" or \")\"");
            }
        }
        next++;
        return labels;
    }

    // ---- tokens

    private String unquote(Token t) {
        try {
            return GoStrings.unquote(t.text());
        } catch (IllegalArgumentException e) {
            throw error(t, e.getMessage());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (!t.is(TokenType.EOF)) {
            next++;
        }
        return t;
    }

    private void expect(TokenType type, String context) {
        Token t = peek();
        if (!t.is(type)) {
            throw unexpected(t, (context.isEmpty() ? "" : " " + context) + ", expected " + type.description());
        }
        next++;
    }

    private PromqlParseException unexpected(Token t, String context) {
        return error(t, "unexpected " + t.describe() + context);
    }

    private PromqlParseException error(Token t, String message) {
        return new PromqlParseException(query, t.offset(), message);
    }
}
