package io.sightline.query.api.loki;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlResult;

/**
 * Applies a LogQL log query to single live records, for {@code /tail}: the LogQL engine implements it
 * next to {@link io.sightline.query.logql.LogqlQueryService}. Thread-safe.
 */
public interface LogqlTailFilter {
    /**
     * Compiles {@code query} for tailing.
     *
     * @throws LogqlQueryException BAD_QUERY when it does not parse or is not a log query
     */
    Pipeline compile(String query);

    /** A compiled log query. Thread-safe (one instance serves one tail on two threads). */
    interface Pipeline {
        /**
         * Whether the query's stream selector selects a stream with these labels. Called on the store's
         * applier thread for every stored record: must be cheap (label matching only).
         */
        boolean selects(java.util.Map<String, String> streamLabels);

        /**
         * The record after the query's pipeline (line filters, parsers, formatting), or {@code null}
         * when the pipeline drops it. Called on the tail's own thread. The result's labels are the
         * stream's labels with parsed labels folded in, as {@link LogqlResult.LogStream} holds them.
         */
        LogqlResult.LogStream apply(LogTailSource.TailRecord record);
    }
}
