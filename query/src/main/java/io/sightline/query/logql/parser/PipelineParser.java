package io.sightline.query.logql.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.sightline.query.logql.parser.LabelFilter.BinaryFilter;
import io.sightline.query.logql.parser.LabelFilter.BytesFilter;
import io.sightline.query.logql.parser.LabelFilter.Comparison;
import io.sightline.query.logql.parser.LabelFilter.DurationFilter;
import io.sightline.query.logql.parser.LabelFilter.IpFilter;
import io.sightline.query.logql.parser.LabelFilter.NumericFilter;
import io.sightline.query.logql.parser.LabelFilter.StringFilter;
import io.sightline.query.logql.parser.PipelineStage.LabelExtraction;
import io.sightline.query.logql.parser.PipelineStage.LabelFormatEntry;
import io.sightline.query.logql.parser.PipelineStage.LineFilter;
import io.sightline.query.logql.parser.PipelineStage.LineMatch;
import io.sightline.query.logql.parser.PipelineStage.NamedLabelMatcher;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The log half of LogQL: stream selectors, pipeline stages, label filters and {@code unwrap}.
 * Label filters follow Loki's yacc grammar, whose precedence is: {@code and} binds tighter than
 * {@code or}, both left-associative; {@code ,} and juxtaposition (both "and") take everything to
 * their right as their right operand and bind into the nearest operand on their left
 * ({@code a or b, c or d} is {@code a or (b and (c or d))}), because yacc shifts on them.
 */
final class PipelineParser {
    private static final int OR_PRECEDENCE = 1;
    private static final int AND_PRECEDENCE = 2;

    private final TokenCursor in;

    PipelineParser(TokenCursor in) {
        this.in = in;
    }

    /** {@code {a="b", c=~"d"}}; the selector rule (a non-empty-compatible matcher) is checked by the caller. */
    List<LabelMatcher> selector() {
        in.expect(TokenType.LEFT_BRACE);
        List<LabelMatcher> matchers = new ArrayList<>();
        if (!in.at(TokenType.RIGHT_BRACE)) {
            matchers.add(matcher(in.expectLabelName()));
            while (in.at(TokenType.COMMA)) {
                in.take();
                matchers.add(matcher(in.expectLabelName()));
            }
        }
        if (!in.at(TokenType.RIGHT_BRACE)) {
            throw in.unexpected(in.peek(), ",", "}");
        }
        in.take();
        return matchers;
    }

    private LabelMatcher matcher(Token name) {
        Token op = in.take();
        LabelMatcher.Type type = switch (op.type()) {
            case ASSIGN -> LabelMatcher.Type.EQUAL;
            case NEQ -> LabelMatcher.Type.NOT_EQUAL;
            case EQL_REGEX -> LabelMatcher.Type.REGEX;
            case NEQ_REGEX -> LabelMatcher.Type.NOT_REGEX;
            default -> throw in.unexpected(op, "=", "!=", "=~", "!~");
        };
        Token value = in.expect(TokenType.STRING);
        try {
            return LabelMatcher.of(type, name.text(), value.string());
        } catch (IllegalArgumentException e) {
            throw in.error(value, e.getMessage());
        }
    }

    /**
     * Stages up to the first token that cannot continue the pipeline. With {@code beforeUnwrap},
     * {@code | unwrap} ends it (the caller reads it); otherwise it is an error, as in Loki.
     */
    List<PipelineStage> stages(boolean beforeUnwrap) {
        List<PipelineStage> stages = new ArrayList<>();
        while (true) {
            LineMatch match = lineMatch(in.peek());
            if (match != null) {
                lineFilter(match, stages);
            } else if (in.at(TokenType.PIPE)) {
                Token after = in.peek(1);
                if (after.isWord("unwrap")) {
                    if (beforeUnwrap) {
                        return stages;
                    }
                    throw in.unexpected(after);
                }
                in.take();
                stages.add(stageAfterPipe());
            } else {
                return stages;
            }
        }
    }

    private static LineMatch lineMatch(Token t) {
        return switch (t.type()) {
            case PIPE_EXACT -> LineMatch.CONTAINS;
            case NEQ -> LineMatch.NOT_CONTAINS;
            case PIPE_MATCH -> LineMatch.REGEX;
            case NEQ_REGEX -> LineMatch.NOT_REGEX;
            case PIPE_PATTERN -> LineMatch.PATTERN;
            case NOT_PATTERN -> LineMatch.NOT_PATTERN;
            default -> null;
        };
    }

    private void lineFilter(LineMatch match, List<PipelineStage> stages) {
        in.take();
        if (in.atWord("ip") && in.peek(1).is(TokenType.LEFT_PAREN)) {
            in.take();
            in.take();
            String pattern = in.expect(TokenType.STRING).string();
            in.expect(TokenType.RIGHT_PAREN);
            stages.add(new LineFilter(match, List.of(pattern), true));
            return;
        }
        List<String> values = new ArrayList<>();
        values.add(lineFilterValue(match));
        while (in.atWord("or") && in.peek(1).is(TokenType.STRING)) {
            in.take();
            values.add(lineFilterValue(match));
        }
        if (match.negated()) {
            // != "a" or "b" keeps lines with neither: != "a" != "b", as Loki rewrites it.
            values.forEach(v -> stages.add(new LineFilter(match, List.of(v), false)));
        } else {
            stages.add(new LineFilter(match, values, false));
        }
    }

    private String lineFilterValue(LineMatch match) {
        Token value = in.expect(TokenType.STRING);
        if (match == LineMatch.REGEX || match == LineMatch.NOT_REGEX) {
            compile(value, value.string(), "invalid line filter regex");
        }
        return value.string();
    }

    private Pattern compile(Token at, String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw in.error(at, what + ": error parsing regexp: " + e.getDescription());
        }
    }

    private PipelineStage stageAfterPipe() {
        Token t = in.peek();
        if (t.isLabelName() || t.is(TokenType.LEFT_PAREN)) {
            return new PipelineStage.LabelFilterStage(labelFilter());
        }
        if (!t.is(TokenType.IDENTIFIER)) {
            throw in.unexpected(t);
        }
        in.take();
        return switch (t.text().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> new PipelineStage.JsonParser(extractions());
            case "logfmt" -> logfmt();
            case "regexp" -> regexp();
            case "pattern" -> pattern();
            case "unpack" -> new PipelineStage.UnpackParser();
            case "line_format" -> new PipelineStage.LineFormat(in.expect(TokenType.STRING).string());
            case "label_format" -> labelFormat();
            case "drop" -> new PipelineStage.DropLabels(namedMatchers());
            case "keep" -> new PipelineStage.KeepLabels(namedMatchers());
            case "decolorize" -> new PipelineStage.Decolorize();
            default -> throw in.unexpected(t);
        };
    }

    private PipelineStage logfmt() {
        boolean strict = false;
        boolean keepEmpty = false;
        while (in.at(TokenType.FLAG)) {
            String flag = in.take().text();
            strict |= flag.equals("--strict");
            keepEmpty |= flag.equals("--keep-empty");
        }
        return new PipelineStage.LogfmtParser(strict, keepEmpty, extractions());
    }

    /** {@code a="x.y", b} after json/logfmt; none when no label name follows. */
    private List<LabelExtraction> extractions() {
        List<LabelExtraction> out = new ArrayList<>();
        if (!in.peek().isLabelName()) {
            return out;
        }
        do {
            if (!out.isEmpty()) {
                in.take();
            }
            String label = in.expectLabelName().text();
            String expression = label;
            if (in.at(TokenType.ASSIGN)) {
                in.take();
                expression = in.expect(TokenType.STRING).string();
            }
            out.add(new LabelExtraction(label, expression));
        } while (in.at(TokenType.COMMA));
        return out;
    }

    private PipelineStage regexp() {
        Token value = in.expect(TokenType.STRING);
        Pattern p = compile(value, value.string(), "invalid regexp parser");
        if (p.namedGroups().isEmpty()) {
            throw in.error(value, "invalid regexp parser: at least one named capture must be supplied");
        }
        for (String name : p.namedGroups().keySet()) {
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw in.error(value, "invalid regexp parser: invalid extracted label name '" + name + "'");
            }
        }
        return new PipelineStage.RegexpParser(value.string());
    }

    private PipelineStage pattern() {
        Token value = in.expect(TokenType.STRING);
        String problem = PatternSyntax.problem(value.string());
        if (problem != null) {
            throw in.error(value, "invalid pattern parser: " + problem);
        }
        return new PipelineStage.PatternParser(value.string());
    }

    private PipelineStage labelFormat() {
        List<LabelFormatEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        do {
            if (!entries.isEmpty()) {
                in.take();
            }
            Token name = in.expectLabelName();
            in.expect(TokenType.ASSIGN);
            Token value = in.take();
            LabelFormatEntry entry;
            if (value.isLabelName()) {
                entry = new LabelFormatEntry(name.text(), value.text(), true);
            } else if (value.is(TokenType.STRING)) {
                entry = new LabelFormatEntry(name.text(), value.string(), false);
            } else {
                throw in.unexpected(value, "IDENTIFIER", "STRING");
            }
            if (!names.add(name.text())) {
                throw in.error(name, "multiple label name '" + name.text() + "' appears in formatting");
            }
            entries.add(entry);
        } while (in.at(TokenType.COMMA));
        return new PipelineStage.LabelFormat(entries);
    }

    private List<NamedLabelMatcher> namedMatchers() {
        List<NamedLabelMatcher> out = new ArrayList<>();
        do {
            if (!out.isEmpty()) {
                in.take();
            }
            Token name = in.expectLabelName();
            boolean isMatcher = switch (in.peek().type()) {
                case ASSIGN, NEQ, EQL_REGEX, NEQ_REGEX -> true;
                default -> false;
            };
            out.add(new NamedLabelMatcher(name.text(), isMatcher ? Optional.of(matcher(name)) : Optional.empty()));
        } while (in.at(TokenType.COMMA));
        return out;
    }

    // ---- label filters

    LabelFilter labelFilter() {
        return labelFilter(0);
    }

    private LabelFilter labelFilter(int minPrecedence) {
        Token start = in.peek();
        in.enter(start);
        LabelFilter lhs = labelFilterOperand();
        while (true) {
            Token t = in.peek();
            if (t.is(TokenType.COMMA) || startsLabelFilter(t)) {
                if (t.is(TokenType.COMMA)) {
                    in.take();
                }
                lhs = new BinaryFilter(lhs, labelFilter(0), true);
            } else if (t.isWord("and") && AND_PRECEDENCE >= minPrecedence && startsLabelFilter(in.peek(1))) {
                in.take();
                lhs = new BinaryFilter(lhs, labelFilter(AND_PRECEDENCE + 1), true);
            } else if (t.isWord("or") && OR_PRECEDENCE >= minPrecedence && startsLabelFilter(in.peek(1))) {
                in.take();
                lhs = new BinaryFilter(lhs, labelFilter(OR_PRECEDENCE + 1), false);
            } else {
                in.leave();
                return lhs;
            }
        }
    }

    private static boolean startsLabelFilter(Token t) {
        return t.isLabelName() || t.is(TokenType.LEFT_PAREN);
    }

    private LabelFilter labelFilterOperand() {
        if (in.at(TokenType.LEFT_PAREN)) {
            in.take();
            LabelFilter inner = labelFilter(0);
            in.expect(TokenType.RIGHT_PAREN);
            return inner;
        }
        Token name = in.expectLabelName();
        Token op = in.peek();
        switch (op.type()) {
            case ASSIGN, NEQ -> {
                Comparison cmp = op.is(TokenType.ASSIGN) ? Comparison.EQ : Comparison.NE;
                if (in.peek(1).is(TokenType.STRING)) {
                    return new StringFilter(matcher(name));
                }
                in.take();
                if (in.atWord("ip") && in.peek(1).is(TokenType.LEFT_PAREN)) {
                    in.take();
                    in.take();
                    String pattern = in.expect(TokenType.STRING).string();
                    in.expect(TokenType.RIGHT_PAREN);
                    return new IpFilter(name.text(), cmp, pattern);
                }
                return typedFilter(name, cmp, true);
            }
            case EQL_REGEX, NEQ_REGEX -> {
                return new StringFilter(matcher(name));
            }
            case EQLC, GTR, GTE, LSS, LTE -> {
                in.take();
                Comparison cmp = switch (op.type()) {
                    case GTR -> Comparison.GT;
                    case GTE -> Comparison.GE;
                    case LSS -> Comparison.LT;
                    case LTE -> Comparison.LE;
                    default -> Comparison.EQ;
                };
                return typedFilter(name, cmp, false);
            }
            default -> throw in.unexpected(op, "=", "!=", "=~", "!~", "==", ">", ">=", "<", "<=");
        }
    }

    /** The value of a numeric, duration or bytes filter, after its operator. */
    private LabelFilter typedFilter(Token name, Comparison cmp, boolean stringAllowed) {
        Token t = in.peek();
        switch (t.type()) {
            case DURATION -> {
                in.take();
                return new DurationFilter(name.text(), cmp, t.duration());
            }
            case BYTES -> {
                in.take();
                return new BytesFilter(name.text(), cmp, t.bytes());
            }
            case NUMBER -> {
                in.take();
                return new NumericFilter(name.text(), cmp, Double.parseDouble(t.text()));
            }
            case ADD, SUB -> {
                if (in.peek(1).is(TokenType.NUMBER)) {
                    in.take();
                    double v = Double.parseDouble(in.take().text());
                    return new NumericFilter(name.text(), cmp, t.is(TokenType.SUB) ? -v : v);
                }
                throw in.unexpected(in.peek(1), "NUMBER");
            }
            default -> {
                if (stringAllowed) {
                    throw in.unexpected(t, "STRING", "BYTES", "NUMBER", "DURATION");
                }
                throw in.unexpected(t, "BYTES", "NUMBER", "DURATION");
            }
        }
    }

    // ---- unwrap

    /** {@code | unwrap x}, {@code | unwrap duration(x)}, then {@code | <label filter>}s; the cursor is at the pipe. */
    Unwrap unwrap() {
        in.take();
        in.take();
        Unwrap.Conversion conversion = Unwrap.Conversion.NONE;
        String label;
        Token t = in.peek();
        Unwrap.Conversion named = conversionNamed(t);
        if (named != null && in.peek(1).is(TokenType.LEFT_PAREN)) {
            in.take();
            in.take();
            conversion = named;
            label = in.expectLabelName().text();
            in.expect(TokenType.RIGHT_PAREN);
        } else {
            label = in.expectLabelName().text();
        }
        List<LabelFilter> post = new ArrayList<>();
        while (in.at(TokenType.PIPE) && startsLabelFilter(in.peek(1))) {
            in.take();
            post.add(labelFilter());
        }
        return new Unwrap(label, conversion, post);
    }

    private static Unwrap.Conversion conversionNamed(Token t) {
        for (Unwrap.Conversion c : Unwrap.Conversion.values()) {
            if (c != Unwrap.Conversion.NONE && t.isWord(c.keyword())) {
                return c;
            }
        }
        return null;
    }
}
