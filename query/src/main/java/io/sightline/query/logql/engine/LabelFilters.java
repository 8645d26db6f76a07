package io.sightline.query.logql.engine;

import io.sightline.query.logql.parser.LabelFilter;
import io.sightline.query.logql.parser.LabelFilter.BinaryFilter;
import io.sightline.query.logql.parser.LabelFilter.BytesFilter;
import io.sightline.query.logql.parser.LabelFilter.Comparison;
import io.sightline.query.logql.parser.LabelFilter.DurationFilter;
import io.sightline.query.logql.parser.LabelFilter.IpFilter;
import io.sightline.query.logql.parser.LabelFilter.NumericFilter;
import io.sightline.query.logql.parser.LabelFilter.StringFilter;

/**
 * Label filters as Loki runs them: a string matcher sees a missing label as "" and always runs; a
 * typed filter (number, duration, bytes, ip) lets a line that already has {@code __error__} through,
 * drops a line without the label, and on a value that does not convert sets
 * {@code __error__=LabelFilterErr} (details: Go's message) and keeps the line. {@code and} evaluates
 * both sides; {@code or} stops at a passing left side. Stateless.
 */
final class LabelFilters {
    static final String LABEL_FILTER_ERROR = "LabelFilterErr";

    private LabelFilters() {
    }

    static LineStage compile(LabelFilter filter) {
        return switch (filter) {
            case StringFilter s -> line -> {
                String value = line.labels.get(s.matcher().name());
                return s.matcher().matches(value == null ? "" : value);
            };
            case NumericFilter n -> typed(n.name(), GoValues::parseFloat, n.op(), n.value());
            case DurationFilter d -> typed(d.name(), GoValues::parseDurationSeconds, d.op(), d.value().toNanos() / 1e9);
            case BytesFilter b -> typed(b.name(), GoValues::parseBytes, b.op(), b.bytes());
            case IpFilter ip -> ipFilter(ip);
            case BinaryFilter b -> binary(compile(b.left()), compile(b.right()), b.and());
        };
    }

    private interface Conversion {
        double convert(String text);
    }

    private static LineStage typed(String name, Conversion conversion, Comparison op, double expected) {
        return line -> {
            if (line.labels.hasError()) {
                return true;
            }
            String text = line.labels.get(name);
            if (text == null) {
                return false;
            }
            double value;
            try {
                value = conversion.convert(text);
            } catch (IllegalArgumentException e) {
                line.labels.setError(LABEL_FILTER_ERROR, e.getMessage());
                return true;
            }
            return switch (op) {
                case EQ -> value == expected;
                case NE -> value != expected;
                case GT -> value > expected;
                case GE -> value >= expected;
                case LT -> value < expected;
                case LE -> value <= expected;
            };
        };
    }

    private static LineStage ipFilter(IpFilter filter) {
        IpMatcher matcher = new IpMatcher(filter.pattern());
        boolean equal = filter.op() == Comparison.EQ;
        return line -> {
            if (line.labels.hasError()) {
                return true;
            }
            String value = line.labels.get(filter.name());
            if (value == null) {
                return false;
            }
            return matcher.matchesAddress(value) == equal;
        };
    }

    private static LineStage binary(LineStage left, LineStage right, boolean and) {
        return line -> {
            boolean l = left.process(line);
            if (!and && l) {
                return true;
            }
            boolean r = right.process(line);
            return and ? l && r : r;
        };
    }
}
