package io.sightline.query.traces.traceql;

import java.util.List;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.sightline.storage.traces.SpanRecord;

/**
 * Recursive-descent parser of the supported TraceQL subset (query/README.md). Precedence as Tempo's
 * grammar: structural {@code >}/{@code >>} bind tighter than spanset {@code &&}, which binds tighter
 * than {@code ||}; inside braces {@code &&} before {@code ||}. Types are checked here as Tempo checks
 * them before running: {@code name} against strings, {@code status}/{@code kind} against their
 * keywords with = or !=, {@code duration} against durations, regexes only on strings.
 */
final class Parser {
    private static final Set<String> UNSUPPORTED_INTRINSICS = Set.of("rootName", "rootServiceName",
            "traceDuration", "statusMessage", "childCount", "nestedSetLeft", "nestedSetRight",
            "nestedSetParent", "parent", "event", "link", "instrumentation", "trace", "span", "resource");
    private static final Set<String> PIPELINE_FUNCTIONS = Set.of("count", "avg", "min", "max", "sum", "by",
            "select", "coalesce", "rate", "count_over_time", "quantile_over_time", "histogram_over_time");

    private final String query;
    private final List<Token> tokens;
    private final int maxDepth;
    private int index;
    private int depth;

    private Parser(String query, int maxDepth) {
        this.query = query;
        this.tokens = Lexer.tokens(query);
        this.maxDepth = maxDepth;
    }

    static SpansetExpr parse(String query, int maxDepth) {
        Parser parser = new Parser(query, maxDepth);
        if (parser.peek().type() == Token.Type.EOF) {
            throw new TraceqlParseException(query, 0, "empty query");
        }
        SpansetExpr expr = parser.spansetOr();
        Token end = parser.peek();
        if (end.type() != Token.Type.EOF) {
            throw parser.unexpected(end, "&&, || or a structural operator");
        }
        return expr;
    }

    private SpansetExpr spansetOr() {
        SpansetExpr left = spansetAnd();
        while (peek().type() == Token.Type.OR) {
            index++;
            left = new SpansetExpr.Binary(SpansetExpr.SpansetOp.OR, left, spansetAnd());
        }
        return left;
    }

    private SpansetExpr spansetAnd() {
        SpansetExpr left = structural();
        while (peek().type() == Token.Type.AND) {
            index++;
            left = new SpansetExpr.Binary(SpansetExpr.SpansetOp.AND, left, structural());
        }
        return left;
    }

    private SpansetExpr structural() {
        SpansetExpr left = spansetPrimary();
        while (true) {
            Token op = peek();
            switch (op.type()) {
                case GT -> {
                    index++;
                    left = new SpansetExpr.Binary(SpansetExpr.SpansetOp.CHILD, left, spansetPrimary());
                }
                case DESCENDANT -> {
                    index++;
                    left = new SpansetExpr.Binary(SpansetExpr.SpansetOp.DESCENDANT, left, spansetPrimary());
                }
                case LT, LTE, GTE -> throw new TraceqlParseException(query, op.offset(),
                        "unsupported TraceQL: the structural operator " + op.text() + " (only > and >> are)");
                default -> {
                    return left;
                }
            }
        }
    }

    private SpansetExpr spansetPrimary() {
        Token token = peek();
        enter(token);
        try {
            switch (token.type()) {
                case OPEN_BRACE -> {
                    index++;
                    if (peek().type() == Token.Type.CLOSE_BRACE) {
                        index++;
                        return new SpansetExpr.Filter(new FieldExpr.MatchAll());
                    }
                    FieldExpr condition = fieldOr();
                    expect(Token.Type.CLOSE_BRACE, "&&, || or }");
                    return new SpansetExpr.Filter(condition);
                }
                case OPEN_PAREN -> {
                    index++;
                    SpansetExpr inner = spansetOr();
                    expect(Token.Type.CLOSE_PAREN, "&&, ||, a structural operator or )");
                    return inner;
                }
                case IDENTIFIER -> {
                    if (PIPELINE_FUNCTIONS.contains(token.text())) {
                        throw new TraceqlParseException(query, token.offset(),
                                "unsupported TraceQL: the function " + token.text() + "() (pipelines are not supported)");
                    }
                    throw unexpected(token, "{ or (");
                }
                default -> throw unexpected(token, "{ or (");
            }
        } finally {
            depth--;
        }
    }

    private FieldExpr fieldOr() {
        FieldExpr left = fieldAnd();
        while (peek().type() == Token.Type.OR) {
            index++;
            left = new FieldExpr.Or(left, fieldAnd());
        }
        return left;
    }

    private FieldExpr fieldAnd() {
        FieldExpr left = fieldPrimary();
        while (peek().type() == Token.Type.AND) {
            index++;
            left = new FieldExpr.And(left, fieldPrimary());
        }
        return left;
    }

    private FieldExpr fieldPrimary() {
        Token token = peek();
        enter(token);
        try {
            if (token.type() == Token.Type.OPEN_PAREN) {
                index++;
                FieldExpr inner = fieldOr();
                expect(Token.Type.CLOSE_PAREN, "&&, || or )");
                return inner;
            }
            return comparison();
        } finally {
            depth--;
        }
    }

    private FieldExpr comparison() {
        Token token = next();
        Attribute attribute = switch (token.type()) {
            case SPAN_ATTRIBUTE -> new Attribute(Attribute.Kind.SPAN, token.text());
            case RESOURCE_ATTRIBUTE -> new Attribute(Attribute.Kind.RESOURCE, token.text());
            case UNSCOPED_ATTRIBUTE -> new Attribute(Attribute.Kind.ANY, token.text());
            case IDENTIFIER -> intrinsic(token);
            default -> throw unexpected(token, "an attribute or intrinsic");
        };
        Token opToken = next();
        FieldExpr.CompareOp op = switch (opToken.type()) {
            case EQ -> FieldExpr.CompareOp.EQ;
            case NEQ -> FieldExpr.CompareOp.NEQ;
            case GT -> FieldExpr.CompareOp.GT;
            case GTE -> FieldExpr.CompareOp.GTE;
            case LT -> FieldExpr.CompareOp.LT;
            case LTE -> FieldExpr.CompareOp.LTE;
            case RE -> FieldExpr.CompareOp.RE;
            case NRE -> FieldExpr.CompareOp.NRE;
            case CLOSE_BRACE, AND, OR, CLOSE_PAREN -> throw new TraceqlParseException(query, token.offset(),
                    "unsupported TraceQL: " + attribute.display() + " without a comparison (write = true)");
            default -> throw unexpected(opToken, "a comparison operator");
        };
        Token valueToken = next();
        Literal value = literal(valueToken, op);
        checkTypes(attribute, op, value, valueToken);
        return new FieldExpr.Comparison(attribute, op, value);
    }

    private Attribute intrinsic(Token token) {
        return switch (token.text()) {
            case "name" -> new Attribute(Attribute.Kind.NAME, "");
            case "status" -> new Attribute(Attribute.Kind.STATUS, "");
            case "duration" -> new Attribute(Attribute.Kind.DURATION, "");
            case "kind" -> new Attribute(Attribute.Kind.KIND, "");
            default -> {
                if (UNSUPPORTED_INTRINSICS.contains(token.text())) {
                    throw new TraceqlParseException(query, token.offset(),
                            "unsupported TraceQL: the intrinsic " + token.text());
                }
                throw new TraceqlParseException(query, token.offset(), "unknown intrinsic " + token.text()
                        + " (name, status, duration, kind; attributes are written span.x, resource.x or .x)");
            }
        };
    }

    private Literal literal(Token token, FieldExpr.CompareOp op) {
        return switch (token.type()) {
            case STRING -> op.isRegex() ? regex(token) : new Literal.StringLit(token.text());
            case INTEGER -> {
                try {
                    yield new Literal.IntLit(Long.parseLong(token.text()));
                } catch (NumberFormatException e) {
                    throw new TraceqlParseException(query, token.offset(), "integer out of range: " + token.text());
                }
            }
            case FLOAT -> new Literal.FloatLit(Double.parseDouble(token.text()));
            case DURATION -> new Literal.DurationLit(Durations.parseNanos(query, token));
            case IDENTIFIER -> switch (token.text()) {
                case "true" -> new Literal.BoolLit(true);
                case "false" -> new Literal.BoolLit(false);
                case "nil" -> new Literal.NilLit();
                case "error" -> new Literal.StatusLit(SpanRecord.STATUS_ERROR);
                case "ok" -> new Literal.StatusLit(SpanRecord.STATUS_OK);
                case "unset" -> new Literal.StatusLit(SpanRecord.STATUS_UNSET);
                case "unspecified" -> new Literal.KindLit(SpanRecord.KIND_UNSPECIFIED);
                case "internal" -> new Literal.KindLit(SpanRecord.KIND_INTERNAL);
                case "server" -> new Literal.KindLit(SpanRecord.KIND_SERVER);
                case "client" -> new Literal.KindLit(SpanRecord.KIND_CLIENT);
                case "producer" -> new Literal.KindLit(SpanRecord.KIND_PRODUCER);
                case "consumer" -> new Literal.KindLit(SpanRecord.KIND_CONSUMER);
                default -> throw new TraceqlParseException(query, token.offset(), "unsupported TraceQL: "
                        + token.text() + " on the right of a comparison (only literals are)");
            };
            case SPAN_ATTRIBUTE, RESOURCE_ATTRIBUTE, UNSCOPED_ATTRIBUTE -> throw new TraceqlParseException(query,
                    token.offset(), "unsupported TraceQL: comparing two attributes (the right side must be a literal)");
            default -> throw unexpected(token, "a literal");
        };
    }

    private Literal regex(Token token) {
        try {
            return new Literal.RegexLit(token.text(), Pattern.compile(token.text()));
        } catch (PatternSyntaxException e) {
            throw new TraceqlParseException(query, token.offset(), "invalid regex " + token.text() + ": "
                    + e.getDescription());
        }
    }

    private void checkTypes(Attribute attribute, FieldExpr.CompareOp op, Literal value, Token at) {
        String problem = switch (attribute.kind()) {
            case NAME -> value instanceof Literal.StringLit || value instanceof Literal.RegexLit ? null : "a string";
            case STATUS -> value instanceof Literal.StatusLit && equality(op) ? null : "error, ok or unset with = or !=";
            case KIND -> value instanceof Literal.KindLit && equality(op)
                    ? null : "unspecified, internal, server, client, producer or consumer with = or !=";
            case DURATION -> value instanceof Literal.DurationLit && !op.isRegex() ? null : "a duration such as 100ms";
            case SPAN, RESOURCE, ANY -> switch (value) {
                case Literal.StringLit s -> null;
                case Literal.RegexLit r -> null;
                case Literal.IntLit i -> op.isRegex() ? "a string" : null;
                case Literal.FloatLit f -> op.isRegex() ? "a string" : null;
                case Literal.BoolLit b -> equality(op) ? null : "true or false with = or !=";
                case Literal.NilLit n -> equality(op) ? null : "nil with = or !=";
                default -> "a string, number, boolean or nil";
            };
        };
        if (op.isRegex() && !(value instanceof Literal.RegexLit)) {
            problem = "a string";
        }
        if (problem != null) {
            throw new TraceqlParseException(query, at.offset(), "type mismatch: " + attribute.display() + " "
                    + op.symbol + " needs " + problem);
        }
    }

    private static boolean equality(FieldExpr.CompareOp op) {
        return op == FieldExpr.CompareOp.EQ || op == FieldExpr.CompareOp.NEQ;
    }

    private void enter(Token at) {
        if (++depth > maxDepth) {
            throw new TraceqlParseException(query, at.offset(), "query nested deeper than " + maxDepth);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.type() != Token.Type.EOF) {
            index++;
        }
        return token;
    }

    private void expect(Token.Type type, String expected) {
        Token token = next();
        if (token.type() != type) {
            throw unexpected(token, expected);
        }
    }

    private TraceqlParseException unexpected(Token token, String expected) {
        String found = token.type() == Token.Type.EOF ? "end of query" : token.type().display + " " + token.text();
        return new TraceqlParseException(query, token.offset(), "unexpected " + found + ", expecting " + expected);
    }
}
