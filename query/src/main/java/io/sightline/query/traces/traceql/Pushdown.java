package io.sightline.query.traces.traceql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.sightline.storage.traces.TraceSearch;

/**
 * The conditions a trace store can check that every trace the query matches must meet, so that the
 * store narrows the candidates and the evaluator sees fewer traces. Never wrong, only loose: the
 * store finds traces with <em>one</em> span meeting all pushed conditions, so they are taken from
 * one spanset filter whose non-emptiness the query needs ({@code A && B}, {@code A > B},
 * {@code A >> B} need both sides; {@code A || B} needs neither, so nothing is pushed), and from the
 * top-level conjuncts of its condition only: {@code name =}, {@code status =}, {@code kind =},
 * duration bounds, {@code resource.service.name =}, and {@code =} on attributes against strings,
 * numbers and booleans (as text, the store's form). Of two candidate filters the one with more
 * pushable conditions wins.
 */
final class Pushdown {
    private Pushdown() {
    }

    /** What the store is asked besides the range, limit and timeout. */
    record Conditions(Optional<String> service, Optional<String> operation, OptionalInt kind, OptionalInt statusCode,
                      List<TraceSearch.AttributeCondition> attributes, Duration minSpanDuration,
                      Duration maxSpanDuration, int count) {
        static final Conditions NONE = new Conditions(Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), List.of(), Duration.ZERO, Duration.ZERO, 0);
    }

    static Conditions conditions(SpansetExpr expr) {
        return switch (expr) {
            case SpansetExpr.Filter f -> ofFilter(f.condition());
            case SpansetExpr.Binary b -> switch (b.op()) {
                case OR -> Conditions.NONE;
                case AND, CHILD, DESCENDANT -> {
                    Conditions left = conditions(b.left());
                    Conditions right = conditions(b.right());
                    yield right.count() > left.count() ? right : left;
                }
            };
        };
    }

    private static Conditions ofFilter(FieldExpr condition) {
        List<FieldExpr.Comparison> conjuncts = new ArrayList<>();
        collectConjuncts(condition, conjuncts);
        Optional<String> service = Optional.empty();
        Optional<String> operation = Optional.empty();
        OptionalInt kind = OptionalInt.empty();
        OptionalInt status = OptionalInt.empty();
        List<TraceSearch.AttributeCondition> attributes = new ArrayList<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        int count = 0;
        for (FieldExpr.Comparison c : conjuncts) {
            Attribute a = c.attribute();
            Literal v = c.value();
            if (a.kind() == Attribute.Kind.DURATION && v instanceof Literal.DurationLit d) {
                switch (c.op()) {
                    case GT, GTE -> min = Math.max(min, d.nanos());
                    case LT, LTE -> max = Math.min(max, d.nanos());
                    case EQ -> {
                        min = Math.max(min, d.nanos());
                        max = Math.min(max, d.nanos());
                    }
                    default -> {
                        continue;
                    }
                }
                count++;
                continue;
            }
            if (c.op() != FieldExpr.CompareOp.EQ) {
                continue;
            }
            switch (a.kind()) {
                case NAME -> {
                    if (operation.isEmpty() && v instanceof Literal.StringLit s) {
                        operation = Optional.of(s.value());
                        count++;
                    }
                }
                case STATUS -> {
                    if (status.isEmpty() && v instanceof Literal.StatusLit s) {
                        status = OptionalInt.of(s.code());
                        count++;
                    }
                }
                case KIND -> {
                    if (kind.isEmpty() && v instanceof Literal.KindLit k) {
                        kind = OptionalInt.of(k.kind());
                        count++;
                    }
                }
                case SPAN, RESOURCE, ANY -> {
                    String text = text(v);
                    if (text == null) {
                        continue;
                    }
                    if (SpanConditions.isServiceName(a) && service.isEmpty()) {
                        service = Optional.of(text);
                    } else {
                        attributes.add(new TraceSearch.AttributeCondition(scope(a.kind()), a.key(), text));
                    }
                    count++;
                }
                default -> {
                }
            }
        }
        // The store's bounds use zero for "none"; a zero duration pushed as a maximum would mean none
        // too, which is looser and so still right.
        Duration minDuration = Duration.ofNanos(min);
        Duration maxDuration = max == Long.MAX_VALUE || max < 0 ? Duration.ZERO : Duration.ofNanos(max);
        return new Conditions(service, operation, kind, status, List.copyOf(attributes), minDuration,
                maxDuration, count);
    }

    private static void collectConjuncts(FieldExpr expr, List<FieldExpr.Comparison> into) {
        switch (expr) {
            case FieldExpr.And a -> {
                collectConjuncts(a.left(), into);
                collectConjuncts(a.right(), into);
            }
            case FieldExpr.Comparison c -> into.add(c);
            case FieldExpr.Or o -> {
            }
            case FieldExpr.MatchAll m -> {
            }
        }
    }

    /** A literal in the store's text form, or null when it cannot be pushed (nil, empty strings). */
    private static String text(Literal literal) {
        return switch (literal) {
            case Literal.StringLit s -> s.value().isEmpty() ? null : s.value();
            case Literal.IntLit i -> Long.toString(i.value());
            case Literal.FloatLit f -> integral(f.value()) ? Long.toString((long) f.value()) : Double.toString(f.value());
            case Literal.BoolLit b -> Boolean.toString(b.value());
            default -> null;
        };
    }

    private static boolean integral(double v) {
        return !Double.isInfinite(v) && v == Math.rint(v) && Math.abs(v) < 0x1p63;
    }

    private static TraceSearch.Scope scope(Attribute.Kind kind) {
        return switch (kind) {
            case SPAN -> TraceSearch.Scope.SPAN;
            case RESOURCE -> TraceSearch.Scope.RESOURCE;
            default -> TraceSearch.Scope.ANY;
        };
    }
}
