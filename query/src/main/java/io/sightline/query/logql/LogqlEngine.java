package io.sightline.query.logql;

import java.util.function.LongSupplier;

import io.sightline.query.logql.engine.LineTemplates;
import io.sightline.query.logql.engine.LogqlEvaluation;
import io.sightline.query.logql.engine.LogqlExplain;
import io.sightline.storage.logs.LogQuerier;

/**
 * LogQL over the log store, with Loki's semantics: log queries (stream selector, pipeline, limit,
 * direction, interval) and metric queries (range and vector aggregations, binary operations,
 * {@code label_replace}, {@code vector()}, literals) as instant or range queries. The stream selector
 * and leading line filters go to the store's index; a range aggregation reads the store once for the
 * whole query. Thread-safe; stateless between queries.
 */
public final class LogqlEngine implements LogqlQueryService {
    private final LogqlEvaluation evaluation;

    /**
     * @param querier   the log store's read side
     * @param templates the Go template engine of {@code line_format}/{@code label_format}
     * @param config    limits
     * @param nanoClock a monotonic nanosecond clock for timeouts and {@code execNanos} (System::nanoTime)
     */
    public LogqlEngine(LogQuerier querier, LineTemplates templates, LogqlEngineConfig config, LongSupplier nanoClock) {
        this.evaluation = new LogqlEvaluation(querier, templates, config, nanoClock);
    }

    @Override
    public LogqlResult execute(LogqlRequest request) {
        return evaluation.execute(request);
    }

    /** What the query gives the store's index and what it evaluates afterwards (for the UI); reads no record. */
    public LogqlExplain explain(LogqlRequest request) {
        return evaluation.explain(request);
    }
}
