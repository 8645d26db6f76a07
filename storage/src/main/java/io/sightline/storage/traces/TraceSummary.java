package io.sightline.storage.traces;

import java.util.List;
import java.util.Objects;

/**
 * What a search says of one matching trace, from every stored span of it.
 *
 * @param traceId          32 lowercase hex digits
 * @param startNanos       the earliest span start
 * @param endNanos         the latest span end
 * @param rootServiceName  the root span's service ("" when the root has not arrived)
 * @param rootSpanName     the root span's name ("" when the root has not arrived)
 * @param spanCount        spans stored for the trace
 * @param errorCount       of which with status error
 * @param services         the distinct services of its spans, sorted
 * @param matchedSpanIds   the ids of the spans that met the span conditions (at most 10)
 */
public record TraceSummary(String traceId, long startNanos, long endNanos, String rootServiceName,
                           String rootSpanName, int spanCount, int errorCount, List<String> services,
                           List<String> matchedSpanIds) {
    public TraceSummary {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(rootServiceName, "rootServiceName");
        Objects.requireNonNull(rootSpanName, "rootSpanName");
        services = List.copyOf(services);
        matchedSpanIds = List.copyOf(matchedSpanIds);
    }

    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }
}
