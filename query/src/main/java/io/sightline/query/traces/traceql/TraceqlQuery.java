package io.sightline.query.traces.traceql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;

/**
 * A parsed TraceQL query of the supported subset (query/README.md): spanset filters
 * {@code { ... }} combined with {@code &&}, {@code ||}, {@code >} and {@code >>}. Immutable and
 * thread-safe: parse once, evaluate on any thread.
 */
public final class TraceqlQuery {
    /** Longest query accepted, in characters (Tempo has no such bound; this keeps parsing cheap). */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;
    /** Deepest nesting of braces and parentheses. */
    public static final int DEFAULT_MAX_DEPTH = 128;

    private final String text;
    private final SpansetExpr expr;

    private TraceqlQuery(String text, SpansetExpr expr) {
        this.text = text;
        this.expr = expr;
    }

    /** Parses with the default bounds. */
    public static TraceqlQuery parse(String query) {
        return parse(query, DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
    }

    /**
     * @throws TraceqlParseException when the query does not parse, mixes types, uses a construct
     *                               outside the subset, or is longer or deeper than allowed
     */
    public static TraceqlQuery parse(String query, int maxLength, int maxDepth) {
        Objects.requireNonNull(query, "query");
        if (query.length() > maxLength) {
            throw new TraceqlParseException(query, 0, "query longer than " + maxLength + " characters");
        }
        return new TraceqlQuery(query, Parser.parse(query, maxDepth));
    }

    /** The query as given. */
    public String text() {
        return text;
    }

    /**
     * The spans of one trace that the query selects, in the given order; empty when the trace does
     * not match.
     */
    public List<SpanRecord> matchedSpans(List<SpanRecord> spans) {
        BitSet matched = Evaluator.evaluate(expr, spans);
        List<SpanRecord> out = new ArrayList<>(matched.cardinality());
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            out.add(spans.get(i));
        }
        return out;
    }

    /**
     * A store search whose results include every trace with spans in the range that this query
     * matches (a superset: the store checks what it can, see {@link Pushdown}).
     */
    public TraceSearch candidateSearch(long startNanos, long endNanos, Duration minTraceDuration,
                                       Duration maxTraceDuration, int limit, Duration timeout) {
        Pushdown.Conditions c = Pushdown.conditions(expr);
        return new TraceSearch(startNanos, endNanos, c.service(), c.operation(), c.kind(), c.statusCode(),
                c.attributes(), c.minSpanDuration(), c.maxSpanDuration(), minTraceDuration, maxTraceDuration,
                limit, timeout);
    }

    /**
     * The attributes the query compares, as {@code span.x}, {@code resource.x} or {@code .x} keys
     * with their scope prefix removed, in query order (Tempo returns these with matched spans).
     */
    public List<String> attributeKeys() {
        Set<String> keys = new LinkedHashSet<>();
        collectKeys(expr, keys);
        return List.copyOf(keys);
    }

    private static void collectKeys(SpansetExpr expr, Set<String> into) {
        switch (expr) {
            case SpansetExpr.Filter f -> collectKeys(f.condition(), into);
            case SpansetExpr.Binary b -> {
                collectKeys(b.left(), into);
                collectKeys(b.right(), into);
            }
        }
    }

    private static void collectKeys(FieldExpr expr, Set<String> into) {
        switch (expr) {
            case FieldExpr.And a -> {
                collectKeys(a.left(), into);
                collectKeys(a.right(), into);
            }
            case FieldExpr.Or o -> {
                collectKeys(o.left(), into);
                collectKeys(o.right(), into);
            }
            case FieldExpr.Comparison c -> {
                if (!c.attribute().isIntrinsic()) {
                    into.add(c.attribute().key());
                }
            }
            case FieldExpr.MatchAll m -> {
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
