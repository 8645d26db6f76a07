package io.sightline.sample.load;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of one load run.
 *
 * @param endpoint the URL posted to
 * @param targetRate records/s asked for; 0 = unpaced
 * @param batch records per request
 * @param connections concurrent senders
 * @param services distinct service names
 * @param elapsedSeconds from the end of the warm-up to the last response
 * @param requests requests sent after the warm-up (answered or failed)
 * @param recordsSent records in those requests
 * @param recordsAcknowledged records in 2xx responses, less any the server reported rejected
 *     through OTLP partial success
 * @param recordsRejected records in non-2xx responses plus partial-success rejections
 * @param recordsFailed records in requests that got no response (connect error, timeout)
 * @param statusCounts responses by HTTP status
 * @param errors failed requests by exception type
 * @param notSent requests (warm-up included) that fell due within the run but were not sent because the senders
 *     were behind when time ran out; 0 when unpaced
 * @param recordsPerSecond recordsAcknowledged / elapsedSeconds
 * @param latencyP50Ms latency percentiles in ms, measured from each request's due time
 * @param latencyP95Ms see latencyP50Ms
 * @param latencyP99Ms see latencyP50Ms
 * @param latencyMaxMs the largest latency in ms
 * @param warmupRequests requests sent during the warm-up, counted in none of the figures above
 * @param warmupRecordsAcknowledged records acknowledged during the warm-up; the server holds
 *     {@code recordsAcknowledged + warmupRecordsAcknowledged}
 */
public record LoadSummary(
        String endpoint,
        long targetRate,
        int batch,
        int connections,
        int services,
        double elapsedSeconds,
        long requests,
        long recordsSent,
        long recordsAcknowledged,
        long recordsRejected,
        long recordsFailed,
        SortedMap<Integer, Long> statusCounts,
        SortedMap<String, Long> errors,
        long notSent,
        double recordsPerSecond,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        double latencyMaxMs,
        long warmupRequests,
        long warmupRecordsAcknowledged) {

    public LoadSummary {
        statusCounts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
        errors = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /** Requests answered with a non-2xx status. */
    public long rejectedRequests() {
        return ResponseCounts.rejected(statusCounts);
    }

    /** Requests that got no HTTP response. */
    public long failedRequests() {
        return ResponseCounts.failed(errors);
    }

    /** A human-readable report, several lines, ending with a newline. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "OTLP log load on %s: target %s, batch %d, %d connections, %d services%n",
                endpoint, targetRate == 0 ? "unpaced" : targetRate + " records/s", batch, connections, services));
        s.append(String.format(Locale.ROOT, "  requests              %d (not sent, behind schedule: %d)%n", requests, notSent));
        s.append(String.format(Locale.ROOT, "  records sent          %d%n", recordsSent));
        s.append(String.format(Locale.ROOT, "  records acknowledged  %d%n", recordsAcknowledged));
        s.append(String.format(Locale.ROOT, "  records rejected      %d in %d non-2xx responses%n", recordsRejected, rejectedRequests()));
        s.append(String.format(Locale.ROOT, "  records failed        %d in %d requests without a response%n", recordsFailed, failedRequests()));
        s.append(String.format(Locale.ROOT, "  by status             %s%n", statusCounts));
        if (warmupRequests > 0) {
            s.append(String.format(Locale.ROOT, "  warm-up (not counted) %d requests, %d records acknowledged%n",
                    warmupRequests, warmupRecordsAcknowledged));
        }
        if (!errors.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  errors                %s%n", errors));
        }
        s.append(String.format(Locale.ROOT, "  achieved              %.0f records/s over %.2f s%n", recordsPerSecond, elapsedSeconds));
        s.append(String.format(Locale.ROOT, "  latency ms            p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n",
                latencyP50Ms, latencyP95Ms, latencyP99Ms, latencyMaxMs));
        return s.toString();
    }

    /** The same figures as one JSON object; keys are stable for scripts (bin/bench reads them). */
    public String toJson() {
        return new SummaryJson()
                .field("endpoint", endpoint)
                .field("targetRate", targetRate)
                .field("batch", batch)
                .field("connections", connections)
                .field("services", services)
                .field("elapsedSeconds", elapsedSeconds)
                .field("requests", requests)
                .field("recordsSent", recordsSent)
                .field("recordsAcknowledged", recordsAcknowledged)
                .field("recordsRejected", recordsRejected)
                .field("recordsFailed", recordsFailed)
                .field("rejectedRequests", rejectedRequests())
                .field("failedRequests", failedRequests())
                .counts("statusCounts", statusCounts)
                .counts("errors", errors)
                .field("notSent", notSent)
                .field("recordsPerSecond", recordsPerSecond)
                .field("warmupRequests", warmupRequests)
                .field("warmupRecordsAcknowledged", warmupRecordsAcknowledged)
                .beginObject("latencyMs")
                .field("p50", latencyP50Ms)
                .field("p95", latencyP95Ms)
                .field("p99", latencyP99Ms)
                .field("max", latencyMaxMs)
                .endObject()
                .toString();
    }
}
