package io.sightline.query.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.sightline.query.traces.traceql.TraceqlQuery;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearch;
import io.sightline.storage.traces.TraceSearchException;
import io.sightline.storage.traces.TraceSummary;

/**
 * Runs TraceQL searches: asks the store for candidate traces with the conditions the query implies
 * ({@link TraceqlQuery#candidateSearch}, a superset), reads each candidate whole and evaluates the
 * query exactly on its spans that start in the range (spans outside the range are not seen, so a
 * structural operator does not reach across the range's edges), newest trace first, until
 * {@code limit} traces match. Bounded by {@link TraceSearchConfig}. Thread-safe.
 */
public final class TraceqlEngine {
    private final TraceQuerier querier;
    private final TraceSearchConfig config;
    private final LongSupplier nanoClock;

    /**
     * @param querier   the trace store's read side
     * @param config    bounds
     * @param nanoClock measures the timeout ({@code System::nanoTime} in production)
     */
    public TraceqlEngine(TraceQuerier querier, TraceSearchConfig config, LongSupplier nanoClock) {
        this.querier = Objects.requireNonNull(querier, "querier");
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public TraceSearchConfig config() {
        return config;
    }

    /** Parses with this engine's bounds; throws {@code TraceqlParseException}. */
    public TraceqlQuery parse(String query) {
        return TraceqlQuery.parse(query, config.maxQueryLength(), config.maxQueryDepth());
    }

    /**
     * A search.
     *
     * @param query            the parsed query
     * @param startNanos       range start, inclusive (a span's start)
     * @param endNanos         range end, exclusive
     * @param minTraceDuration the trace lasts at least this (zero: no bound)
     * @param maxTraceDuration the trace lasts at most this (zero: no bound)
     * @param limit            most traces returned, at least 1 (capped at {@code maxLimit})
     */
    public record Request(TraceqlQuery query, long startNanos, long endNanos, Duration minTraceDuration,
                          Duration maxTraceDuration, int limit) {
        public Request {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(minTraceDuration, "minTraceDuration");
            Objects.requireNonNull(maxTraceDuration, "maxTraceDuration");
        }
    }

    /**
     * One matching trace.
     *
     * @param summary the store's summary of the trace
     * @param matched the spans the query selected, in start order
     */
    public record Match(TraceSummary summary, List<SpanRecord> matched) {
    }

    /**
     * @param traces          the matches, newest trace first
     * @param inspectedTraces candidates read and evaluated
     * @param inspectedSpans  spans evaluated
     * @param truncated       the store stopped at {@code maxCandidateTraces}: older matches may exist
     */
    public record Result(List<Match> traces, int inspectedTraces, long inspectedSpans, boolean truncated) {
    }

    /**
     * @throws TraceSearchException past the timeout (limit {@code timeout}) or a store bound
     */
    public Result search(Request request) {
        long started = nanoClock.getAsLong();
        long timeoutNanos = config.timeout().toNanos();
        int limit = Math.max(1, Math.min(request.limit(), config.maxLimit()));
        TraceSearch candidates = request.query().candidateSearch(request.startNanos(), request.endNanos(),
                request.minTraceDuration(), request.maxTraceDuration(), config.maxCandidateTraces(), config.timeout());
        List<TraceSummary> summaries = querier.search(candidates);
        List<Match> matches = new ArrayList<>();
        int inspected = 0;
        long spansSeen = 0;
        for (TraceSummary summary : summaries) {
            if (matches.size() >= limit) {
                break;
            }
            if (nanoClock.getAsLong() - started > timeoutNanos) {
                throw new TraceSearchException("timeout", "trace search timed out after " + config.timeout()
                        + " (query.traces timeout), " + inspected + " of " + summaries.size() + " candidate traces evaluated");
            }
            List<SpanRecord> spans = inRange(querier.trace(summary.traceId(), summary.startNanos(),
                    summary.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : summary.endNanos() + 1), request);
            inspected++;
            spansSeen += spans.size();
            List<SpanRecord> matched = request.query().matchedSpans(spans);
            if (!matched.isEmpty()) {
                matches.add(new Match(summary, matched));
            }
        }
        boolean truncated = summaries.size() >= config.maxCandidateTraces() && matches.size() < limit;
        return new Result(List.copyOf(matches), inspected, spansSeen, truncated);
    }

    private static List<SpanRecord> inRange(List<SpanRecord> spans, Request request) {
        List<SpanRecord> out = new ArrayList<>(spans.size());
        for (SpanRecord span : spans) {
            if (span.startNanos() >= request.startNanos() && span.startNanos() < request.endNanos()) {
                out.add(span);
            }
        }
        return out;
    }
}
