package io.sightline.query.logql.parser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import io.sightline.query.logql.LogqlParseException;
import io.sightline.query.logql.LogqlParserConfig;
import io.sightline.query.promql.parser.VectorMatching;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Recursive-descent LogQL parser following Loki's yacc grammar ({@code pkg/logql/syntax/syntax.y})
 * and its checks: binary operators by precedence climbing, a sign only on number literals, log
 * queries never operands, literal-only operations folded, range and vector aggregations checked
 * for parameters, grouping and {@code unwrap} as Loki checks them, and every stream selector with
 * a matcher that does not match the empty string. Not thread-safe; use once via {@link #parse}.
 */
public final class LogqlParser {
    static final String EMPTY_COMPATIBLE_SELECTOR = "queries require at least one regexp or equality matcher that "
            + "does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, "
            + "but app=~\".+\" will";

    private final TokenCursor in;
    private final PipelineParser pipeline;
    /** The first selector breaking the matcher rule: Loki reports it only when the query parsed. */
    private Token emptyCompatibleSelector;

    private LogqlParser(String query, int maxDepth) {
        this.in = new TokenCursor(query, Lexer.lex(query), maxDepth);
        this.pipeline = new PipelineParser(in);
    }

    /**
     * Parses and checks a query.
     *
     * @throws LogqlParseException with Loki's wording and the position of the problem
     */
    public static LogqlExpr parse(String query, LogqlParserConfig config) {
        int bytes = query.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxQueryBytes()) {
            throw new LogqlParseException(query, 0, "input size too long (" + bytes + " > "
                    + config.maxQueryBytes() + ")");
        }
        LogqlParser parser = new LogqlParser(query, config.maxDepth());
        TokenCursor in = parser.in;
        if (in.at(TokenType.EOF)) {
            throw in.unexpected(in.peek());
        }
        LogqlExpr expr = parser.expr(0);
        if (!in.at(TokenType.EOF)) {
            throw in.unexpected(in.peek());
        }
        if (parser.emptyCompatibleSelector != null) {
            throw in.error(parser.emptyCompatibleSelector, EMPTY_COMPATIBLE_SELECTOR);
        }
        return expr;
    }

    // ---- binary operations

    private LogqlExpr expr(int minPrecedence) {
        Token start = in.peek();
        in.enter(start);
        LogqlExpr lhs = primary();
        while (true) {
            Token opToken = in.peek();
            BinaryOp op = BinaryOp.of(opToken);
            if (op == null || op.precedence() < minPrecedence) {
                in.leave();
                return lhs;
            }
            in.take();
            boolean returnBool = false;
            if (in.atWord("bool")) {
                in.take();
                returnBool = true;
            }
            VectorMatching matching = matching(op);
            LogqlExpr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = binary(op, opToken, lhs, rhs, returnBool, matching);
        }
    }

    private VectorMatching matching(BinaryOp op) {
        VectorMatching.Cardinality card = op.isSetOperator()
                ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
        if (!in.atWord("on") && !in.atWord("ignoring")) {
            return VectorMatching.defaults(card);
        }
        boolean on = in.take().isWord("on");
        List<String> labels = labelList();
        List<String> include = List.of();
        if (in.atWord("group_left") || in.atWord("group_right")) {
            card = in.take().isWord("group_left")
                    ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            if (in.at(TokenType.LEFT_PAREN)) {
                include = labelList();
            }
        }
        return new VectorMatching(card, labels, on, include);
    }

    private SampleExpr binary(BinaryOp op, Token at, LogqlExpr lhs, LogqlExpr rhs, boolean returnBool,
                              VectorMatching matching) {
        if (!(lhs instanceof SampleExpr left)) {
            throw in.error(at, "unexpected type for left leg of binary operation (" + op.symbol() + "): log query");
        }
        if (!(rhs instanceof SampleExpr right)) {
            throw in.error(at, "unexpected type for right leg of binary operation (" + op.symbol() + "): log query");
        }
        if (op.isSetOperator()) {
            if (left instanceof LiteralExpr l) {
                throw in.error(at, "unexpected literal for left leg of logical/set binary operation (" + op.symbol()
                        + "): " + String.format(Locale.ROOT, "%f", l.value()));
            }
            if (right instanceof LiteralExpr r) {
                throw in.error(at, "unexpected literal for right leg of logical/set binary operation (" + op.symbol()
                        + "): " + String.format(Locale.ROOT, "%f", r.value()));
            }
        }
        if (left instanceof LiteralExpr l && right instanceof LiteralExpr r) {
            return new LiteralExpr(op.fold(l.value(), r.value()));
        }
        return new BinaryExpr(op, left, right, returnBool, matching);
    }

    // ---- operands

    private LogqlExpr primary() {
        Token t = in.peek();
        switch (t.type()) {
            case NUMBER -> {
                in.take();
                return new LiteralExpr(Double.parseDouble(t.text()));
            }
            case ADD, SUB -> {
                if (!in.peek(1).is(TokenType.NUMBER)) {
                    throw in.unexpected(in.peek(1), "NUMBER");
                }
                in.take();
                double v = Double.parseDouble(in.take().text());
                return new LiteralExpr(t.is(TokenType.SUB) ? -v : v);
            }
            case LEFT_BRACE -> {
                return logSelector(false);
            }
            case LEFT_PAREN -> {
                in.take();
                LogqlExpr inner = expr(0);
                in.expect(TokenType.RIGHT_PAREN);
                return inner;
            }
            case IDENTIFIER -> {
                return call(t);
            }
            default -> throw in.unexpected(t);
        }
    }

    private LogqlExpr call(Token name) {
        String word = name.text().toLowerCase(Locale.ROOT);
        if (word.equals("label_replace")) {
            return labelReplace();
        }
        if (isCall()) {
            Optional<RangeOp> range = RangeOp.of(word);
            if (range.isPresent()) {
                return rangeAggregation(range.get());
            }
            Optional<VectorOp> vector = VectorOp.of(word);
            if (vector.isPresent()) {
                return vectorAggregation(vector.get());
            }
            if (word.equals("vector") && in.peek(1).is(TokenType.LEFT_PAREN)) {
                in.take();
                in.take();
                Token value = in.expect(TokenType.NUMBER);
                in.expect(TokenType.RIGHT_PAREN);
                return new VectorExpr(Double.parseDouble(value.text()));
            }
        }
        throw in.unexpected(name);
    }

    /** Whether the word at the cursor is followed by {@code (} or {@code by|without (}: Loki's function test. */
    private boolean isCall() {
        Token after = in.peek(1);
        return after.is(TokenType.LEFT_PAREN)
                || (after.isWord("by") || after.isWord("without")) && in.peek(2).is(TokenType.LEFT_PAREN);
    }

    private LogSelectorExpr logSelector(boolean beforeUnwrap) {
        Token start = in.peek();
        List<LabelMatcher> matchers = pipeline.selector();
        if (emptyCompatibleSelector == null && matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            emptyCompatibleSelector = start;
        }
        return new LogSelectorExpr(matchers, pipeline.stages(beforeUnwrap));
    }

    private SampleExpr sample(LogqlExpr expr) {
        if (expr instanceof SampleExpr s) {
            return s;
        }
        // Loki's grammar has no rule for a log query here: yacc fails on the token after it.
        throw in.unexpected(in.peek());
    }

    // ---- aggregations and functions

    private SampleExpr rangeAggregation(RangeOp op) {
        Token name = in.take();
        in.expect(TokenType.LEFT_PAREN);
        Token param = null;
        if (in.at(TokenType.NUMBER) && in.peek(1).is(TokenType.COMMA)) {
            param = in.take();
            in.take();
        }
        LogRange range = logRange();
        in.expect(TokenType.RIGHT_PAREN);
        Optional<Grouping> grouping = in.atWord("by") || in.atWord("without") ? Optional.of(grouping())
                : Optional.empty();
        OptionalDouble value = OptionalDouble.empty();
        if (param != null) {
            if (!op.hasParameter()) {
                throw in.error(param, "parameter " + param.text() + " not supported for operation " + op.keyword());
            }
            value = OptionalDouble.of(Double.parseDouble(param.text()));
        } else if (op.hasParameter()) {
            throw in.error(name, "parameter required for operation " + op.keyword());
        }
        if (grouping.isPresent() && !op.allowsGrouping()) {
            throw in.error(name, "grouping not allowed for " + op.keyword() + " aggregation");
        }
        if (range.unwrap().isPresent() && op.unwrapping() == RangeOp.Unwrapping.FORBIDDEN) {
            throw in.error(name, "invalid aggregation " + op.keyword() + " with unwrap");
        }
        if (range.unwrap().isEmpty() && op.unwrapping() == RangeOp.Unwrapping.REQUIRED) {
            throw in.error(name, "invalid aggregation " + op.keyword() + " without unwrap");
        }
        return new RangeAggregationExpr(op, range, value, grouping);
    }

    /**
     * The log query and window of a range aggregation, in every order Loki accepts: the range after
     * the selector, the pipeline or the unwrap; {@code offset} right after the range; parentheses
     * around the query before the range, or around all of it.
     */
    private LogRange logRange() {
        Token start = in.peek();
        in.enter(start);
        LogRange result;
        if (in.at(TokenType.LEFT_PAREN)) {
            in.take();
            LogRange inner = logRangeParts(true);
            in.expect(TokenType.RIGHT_PAREN);
            result = inner.range().isNegative() ? withRange(inner) : inner;
        } else {
            result = logRangeParts(false);
        }
        in.leave();
        return result;
    }

    /** A log range whose window may still be missing (negative range) when {@code openWindow}. */
    private LogRange logRangeParts(boolean openWindow) {
        if (in.at(TokenType.LEFT_PAREN)) {
            return logRange();
        }
        if (!in.at(TokenType.LEFT_BRACE)) {
            throw in.unexpected(in.peek(), "{");
        }
        Token start = in.peek();
        List<LabelMatcher> matchers = pipeline.selector();
        if (emptyCompatibleSelector == null && matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            emptyCompatibleSelector = start;
        }
        Duration range = Duration.ofMillis(-1);
        Duration offset = Duration.ZERO;
        boolean rangeFirst = in.at(TokenType.RANGE);
        if (rangeFirst) {
            range = in.take().duration();
            offset = offset();
        }
        List<PipelineStage> stages = pipeline.stages(true);
        Optional<Unwrap> unwrap = Optional.empty();
        if (in.at(TokenType.PIPE) && in.peek(1).isWord("unwrap")) {
            unwrap = Optional.of(pipeline.unwrap());
        }
        LogRange parts = new LogRange(new LogSelectorExpr(matchers, stages), range, offset, unwrap);
        if (!rangeFirst && (in.at(TokenType.RANGE) || !openWindow)) {
            return withRange(parts);
        }
        return parts;
    }

    private LogRange withRange(LogRange parts) {
        Duration range = in.expect(TokenType.RANGE).duration();
        return new LogRange(parts.selector(), range, offset(), parts.unwrap());
    }

    private Duration offset() {
        if (!in.atWord("offset")) {
            return Duration.ZERO;
        }
        in.take();
        return in.expect(TokenType.DURATION).duration();
    }

    private SampleExpr vectorAggregation(VectorOp op) {
        Token name = in.take();
        Grouping grouping = null;
        if (in.atWord("by") || in.atWord("without")) {
            grouping = grouping();
        }
        in.expect(TokenType.LEFT_PAREN);
        Token param = null;
        if (in.at(TokenType.NUMBER) && in.peek(1).is(TokenType.COMMA)) {
            param = in.take();
            in.take();
        }
        SampleExpr inner = sample(expr(0));
        in.expect(TokenType.RIGHT_PAREN);
        if (grouping == null && (in.atWord("by") || in.atWord("without"))) {
            grouping = grouping();
        }
        int k = 0;
        if (op.hasParameter()) {
            if (param == null) {
                throw in.error(name, "parameter required for operation " + op.keyword());
            }
            try {
                k = Integer.parseInt(param.text());
            } catch (NumberFormatException e) {
                throw in.error(param, "invalid parameter " + op.keyword() + "(" + param.text() + ",");
            }
            if (k <= 0) {
                throw in.error(param, "invalid parameter (must be greater than 0) " + op.keyword() + "(" + param.text());
            }
        } else if (param != null) {
            throw in.error(param, "unsupported parameter for operation " + op.keyword() + "(" + param.text() + ",");
        }
        if ((op == VectorOp.SORT || op == VectorOp.SORT_DESC) && grouping != null && !grouping.labels().isEmpty()) {
            throw in.error(name, "sort and sort_desc doesn't allow grouping by ");
        }
        return new VectorAggregationExpr(op, inner, k, grouping == null ? Grouping.NONE : grouping);
    }

    private Grouping grouping() {
        boolean without = in.take().isWord("without");
        return new Grouping(labelList(), without);
    }

    /** {@code (a, b)} or {@code ()}: label names, no keywords, no trailing comma. */
    private List<String> labelList() {
        in.expect(TokenType.LEFT_PAREN);
        List<String> labels = new ArrayList<>();
        if (!in.at(TokenType.RIGHT_PAREN)) {
            labels.add(in.expectLabelName().text());
            while (in.at(TokenType.COMMA)) {
                in.take();
                labels.add(in.expectLabelName().text());
            }
        }
        if (!in.at(TokenType.RIGHT_PAREN)) {
            throw in.unexpected(in.peek(), ",", ")");
        }
        in.take();
        return labels;
    }

    private SampleExpr labelReplace() {
        Token name = in.take();
        in.expect(TokenType.LEFT_PAREN);
        SampleExpr inner = sample(expr(0));
        String[] args = new String[4];
        Token regex = null;
        for (int i = 0; i < args.length; i++) {
            in.expect(TokenType.COMMA);
            regex = in.expect(TokenType.STRING);
            args[i] = regex.string();
        }
        in.expect(TokenType.RIGHT_PAREN);
        try {
            com.google.re2j.Pattern.compile("^(?:" + args[3] + ")$");
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw in.error(regex, "invalid regex in label_replace: error parsing regexp: " + e.getDescription());
        }
        return new LabelReplaceExpr(inner, args[0], args[1], args[2], args[3]);
    }
}
