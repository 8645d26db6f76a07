package io.sightline.query.logql.parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import io.sightline.query.logql.parser.LabelFilter.Comparison;
import io.sightline.query.logql.parser.PipelineStage.LineMatch;
import io.sightline.query.promql.parser.VectorMatching;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Random valid LogQL trees, for the print → parse round trip: every tree it builds obeys the
 * parser's rules (a selector matcher that does not match "", no two literals in one operation, no
 * literal beside a set operator, unwrap only where the aggregation allows it, ...), so printing it
 * must give text that parses back to an equal tree. Not thread-safe.
 */
final class RandomLogql {
    private static final String[] NAMES = {"app", "job", "env", "level", "status", "latency", "size", "path",
            "rate", "sum", "ip", "bytes", "duration", "vector", "Foo_9", "_x", "__error__"};
    private static final String[] REGEXES = {"a.*", "foo|bar", "(?i)err", "[0-9]+", ".+", "\\d{2,3}", "é+", "x\\.y"};
    private static final String[] PATTERNS = {"<a> <_> <b>", "<_> - <ip> \"<method>\"", "x <y>", "<status>"};
    private static final String ALPHABET = "abcXYZ019 _-.:/\"\\\n\t'`{}|=~!<>é日😀\u0085\u0007";

    private final Random random;

    RandomLogql(Random random) {
        this.random = random;
    }

    LogqlExpr query() {
        return random.nextInt(4) == 0 ? logSelector() : sample(0);
    }

    // ---- metric queries

    private SampleExpr sample(int depth) {
        int kind = depth > 3 ? random.nextInt(2) : random.nextInt(7);
        return switch (kind) {
            case 0, 1 -> rangeAggregation();
            case 2 -> new VectorExpr(random.nextInt(3) == 0 ? random.nextInt(100) : Math.abs(number()));
            case 3 -> vectorAggregation(depth);
            case 4 -> new LabelReplaceExpr(sample(depth + 1), name(), string(), name(), pick(REGEXES));
            default -> binary(depth);
        };
    }

    private SampleExpr binary(int depth) {
        BinaryOp op = pick(BinaryOp.values());
        SampleExpr lhs = sample(depth + 1);
        SampleExpr rhs = sample(depth + 1);
        if (!op.isSetOperator() && random.nextInt(4) == 0) {
            // One literal side at most.
            if (random.nextBoolean()) {
                lhs = new LiteralExpr(number());
            } else {
                rhs = new LiteralExpr(number());
            }
        }
        VectorMatching.Cardinality card = op.isSetOperator()
                ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
        VectorMatching matching = VectorMatching.defaults(card);
        int m = random.nextInt(4);
        if (m == 1) {
            matching = new VectorMatching(card, names(0), true, List.of());
        } else if (m == 2) {
            matching = new VectorMatching(card, names(1), false, List.of());
        } else if (m == 3 && !op.isSetOperator()) {
            card = random.nextBoolean() ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            matching = new VectorMatching(card, names(0), random.nextBoolean(), names(0));
        }
        return new BinaryExpr(op, lhs, rhs, op.isComparison() && random.nextBoolean(), matching);
    }

    private SampleExpr vectorAggregation(int depth) {
        VectorOp op = pick(VectorOp.values());
        Grouping grouping = switch (random.nextInt(3)) {
            case 0 -> Grouping.NONE;
            case 1 -> new Grouping(op == VectorOp.SORT || op == VectorOp.SORT_DESC ? List.of() : names(1), true);
            default -> op == VectorOp.SORT || op == VectorOp.SORT_DESC ? Grouping.NONE : new Grouping(names(1), false);
        };
        return new VectorAggregationExpr(op, sample(depth + 1), op.hasParameter() ? 1 + random.nextInt(20) : 0, grouping);
    }

    private SampleExpr rangeAggregation() {
        RangeOp op = pick(RangeOp.values());
        boolean unwrap = switch (op.unwrapping()) {
            case FORBIDDEN -> false;
            case REQUIRED -> true;
            case OPTIONAL -> random.nextBoolean();
        };
        Optional<Unwrap> u = Optional.empty();
        if (unwrap) {
            List<LabelFilter> post = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                post.add(labelFilter(0));
            }
            u = Optional.of(new Unwrap(name(), pick(Unwrap.Conversion.values()), post));
        }
        Duration offset = switch (random.nextInt(3)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofMinutes(random.nextInt(10_000) - 100);
            default -> Duration.ofNanos(random.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L));
        };
        LogRange range = new LogRange(logSelector(), Duration.ofMillis(1 + random.nextInt(86_400_000)), offset, u);
        OptionalDouble param = op.hasParameter() ? OptionalDouble.of(random.nextInt(101) / 100.0) : OptionalDouble.empty();
        Optional<Grouping> grouping = op.allowsGrouping() && random.nextBoolean()
                ? Optional.of(new Grouping(names(0), random.nextBoolean())) : Optional.empty();
        return new RangeAggregationExpr(op, range, param, grouping);
    }

    // ---- log queries

    LogSelectorExpr logSelector() {
        List<LabelMatcher> matchers = new ArrayList<>();
        matchers.add(random.nextBoolean() ? LabelMatcher.equal(name(), string() + "x")
                : LabelMatcher.of(LabelMatcher.Type.REGEX, name(), pick(REGEXES)));
        for (int i = random.nextInt(3); i > 0; i--) {
            matchers.add(random.nextInt(matchers.size() + 1), matcher());
        }
        List<PipelineStage> stages = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            PipelineStage stage = stage();
            if (endsWithBareName(stages) && stage instanceof PipelineStage.LineFilter f
                    && (f.match() == LineMatch.NOT_CONTAINS || f.match() == LineMatch.NOT_REGEX)) {
                // "| drop a != "x"" reads as the matcher a!="x" (in Loki too): this tree has no text.
                continue;
            }
            stages.add(stage);
        }
        return new LogSelectorExpr(matchers, stages);
    }

    private static boolean endsWithBareName(List<PipelineStage> stages) {
        List<PipelineStage.NamedLabelMatcher> labels = stages.isEmpty() ? List.of() : switch (stages.getLast()) {
            case PipelineStage.DropLabels d -> d.labels();
            case PipelineStage.KeepLabels k -> k.labels();
            default -> List.of();
        };
        return !labels.isEmpty() && labels.getLast().matcher().isEmpty();
    }

    private LabelMatcher matcher() {
        LabelMatcher.Type type = pick(LabelMatcher.Type.values());
        boolean regex = type == LabelMatcher.Type.REGEX || type == LabelMatcher.Type.NOT_REGEX;
        return LabelMatcher.of(type, name(), regex ? pick(REGEXES) : string());
    }

    private PipelineStage stage() {
        return switch (random.nextInt(13)) {
            case 0, 1 -> lineFilter();
            case 2, 3 -> new PipelineStage.LabelFilterStage(labelFilter(0));
            case 4 -> new PipelineStage.JsonParser(extractions());
            case 5 -> new PipelineStage.LogfmtParser(random.nextBoolean(), random.nextBoolean(), extractions());
            case 6 -> new PipelineStage.RegexpParser("(?P<" + name() + ">" + pick(REGEXES) + ")");
            case 7 -> new PipelineStage.PatternParser(pick(PATTERNS));
            case 8 -> random.nextBoolean() ? new PipelineStage.UnpackParser() : new PipelineStage.Decolorize();
            case 9 -> new PipelineStage.LineFormat(string());
            case 10 -> labelFormat();
            case 11 -> new PipelineStage.DropLabels(namedMatchers());
            default -> new PipelineStage.KeepLabels(namedMatchers());
        };
    }

    private PipelineStage lineFilter() {
        LineMatch match = pick(LineMatch.values());
        if (random.nextInt(5) == 0) {
            return new PipelineStage.LineFilter(match, List.of(string()), true);
        }
        boolean regex = match == LineMatch.REGEX || match == LineMatch.NOT_REGEX;
        List<String> values = new ArrayList<>();
        int n = match.negated() ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            values.add(regex ? pick(REGEXES) : string());
        }
        return new PipelineStage.LineFilter(match, values, false);
    }

    private List<PipelineStage.LabelExtraction> extractions() {
        List<PipelineStage.LabelExtraction> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(new PipelineStage.LabelExtraction(name(), string()));
        }
        return out;
    }

    private PipelineStage labelFormat() {
        Set<String> targets = new LinkedHashSet<>(names(1));
        List<PipelineStage.LabelFormatEntry> entries = new ArrayList<>();
        for (String target : targets) {
            boolean rename = random.nextBoolean();
            entries.add(new PipelineStage.LabelFormatEntry(target, rename ? name() : string(), rename));
        }
        return new PipelineStage.LabelFormat(entries);
    }

    private List<PipelineStage.NamedLabelMatcher> namedMatchers() {
        List<PipelineStage.NamedLabelMatcher> out = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (random.nextBoolean()) {
                out.add(new PipelineStage.NamedLabelMatcher(name(), Optional.empty()));
            } else {
                LabelMatcher m = matcher();
                out.add(new PipelineStage.NamedLabelMatcher(m.name(), Optional.of(m)));
            }
        }
        return out;
    }

    LabelFilter labelFilter(int depth) {
        int kind = depth > 3 ? random.nextInt(5) : random.nextInt(7);
        Comparison op = pick(Comparison.values());
        return switch (kind) {
            case 0 -> new LabelFilter.StringFilter(matcher());
            case 1 -> new LabelFilter.NumericFilter(name(), op, number());
            case 2 -> new LabelFilter.DurationFilter(name(), op, Duration.ofNanos(random.nextBoolean()
                    ? random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L) : random.nextInt(5000) * 1_000_000L));
            case 3 -> new LabelFilter.BytesFilter(name(), op, random.nextBoolean() ? random.nextLong(0, Long.MAX_VALUE)
                    : random.nextInt(5000) * (random.nextBoolean() ? 1000L : 1024L));
            case 4 -> new LabelFilter.IpFilter(name(), random.nextBoolean() ? Comparison.EQ : Comparison.NE, string());
            default -> new LabelFilter.BinaryFilter(labelFilter(depth + 1), labelFilter(depth + 1), random.nextBoolean());
        };
    }

    // ---- values

    /** A finite number other than -0 (Loki's lexer reads {@code -0} as a duration). */
    private double number() {
        double v = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000) - 500;
            case 1 -> random.nextDouble() * 10;
            case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
            default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
        };
        return v == 0 ? 0.0 : v;
    }

    private String name() {
        return random.nextInt(3) == 0 ? "l_" + Integer.toString(random.nextInt(1_000_000), 36) : pick(NAMES);
    }

    private List<String> names(int min) {
        List<String> out = new ArrayList<>();
        for (int i = min + random.nextInt(3); i > 0; i--) {
            out.add(name());
        }
        return out;
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        int[] cps = ALPHABET.codePoints().toArray();
        for (int i = random.nextInt(8); i > 0; i--) {
            out.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return out.toString();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
