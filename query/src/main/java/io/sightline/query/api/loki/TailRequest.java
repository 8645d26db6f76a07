package io.sightline.query.api.loki;

import io.sightline.query.api.BadRequestException;

/**
 * A {@code /tail} request's parameters, read and checked as Loki's {@code ParseTailQuery}: the query,
 * {@code limit} (default 100) for the look-back, {@code start} (default an hour ago, Loki's
 * {@code bounds}), {@code delay_for} in whole seconds (default 0, at most the configured maximum).
 *
 * @param query        the LogQL log query
 * @param limit        most entries of the look-back from {@code start} to now
 * @param startNanos   where the look-back starts
 * @param delayForNanos how long entries are held back to be sent in time order
 */
record TailRequest(String query, int limit, long startNanos, long delayForNanos) {
    static TailRequest read(LokiForm form, long nowNanos, LokiApiConfig config) {
        String query = form.first("query");
        long limit = LokiParameters.limit(form.first("limit"));
        long start = LokiParameters.bounds(form, nowNanos)[0];
        String delayText = form.first("delay_for");
        long delaySeconds = delayText.isEmpty() ? 0 : LokiParameters.atoi(delayText);
        long maxDelaySeconds = config.maxTailDelay().toSeconds();
        if (delaySeconds > maxDelaySeconds) {
            throw new BadRequestException("delay_for can't be greater than " + maxDelaySeconds);
        }
        if (delaySeconds < 0) {
            throw new BadRequestException("delay_for must not be negative");
        }
        if (limit > config.maxEntriesLimitPerQuery()) {
            throw new BadRequestException("max entries limit per query exceeded, limit > max_entries_limit_per_query ("
                    + limit + " > " + config.maxEntriesLimitPerQuery() + ")");
        }
        return new TailRequest(query, (int) limit, start, delaySeconds * 1_000_000_000L);
    }
}
