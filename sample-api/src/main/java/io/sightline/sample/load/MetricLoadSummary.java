package io.sightline.sample.load;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of one metrics load run.
 *
 * @param endpoint the URL posted to
 * @param protocol {@code remote_write} or {@code otlp}
 * @param targetRate samples/s asked for; 0 = unpaced
 * @param batch samples per request at most
 * @param connections concurrent senders
 * @param series active series
 * @param elapsedSeconds from the end of the warm-up to the last response
 * @param requests requests sent after the warm-up (answered or failed)
 * @param samplesSent samples in those requests (Prometheus-equivalent: one per series and scrape)
 * @param samplesAcknowledged samples in 2xx responses, less OTLP partial-success rejections
 * @param samplesRejected samples in non-2xx responses plus partial-success rejections
 * @param samplesFailed samples in requests that got no response
 * @param statusCounts responses by HTTP status
 * @param errors failed requests by exception type
 * @param notSent requests due within the run but not sent because the senders were behind
 *     (behind the server, or waiting for simulated time to pass); 0 when unpaced
 * @param samplesPerSecond samplesAcknowledged / elapsedSeconds
 * @param latencyP50Ms latency percentiles in ms, measured from each request's due time
 * @param latencyP95Ms see latencyP50Ms
 * @param latencyP99Ms see latencyP50Ms
 * @param latencyMaxMs the largest latency in ms
 * @param warmupRequests requests sent during the warm-up, in none of the figures above
 * @param warmupSamplesAcknowledged samples acknowledged during the warm-up
 * @param scrapesComplete simulated scrapes every sender completed
 * @param scrapesStarted simulated scrapes the furthest sender started
 * @param simulatedStartMillis the first scrape's time, ms since the epoch
 * @param simulatedEndMillis the end (exclusive) of the last scrape interval sent, ms since the epoch
 * @param caughtUp whether a sender caught up with the wall clock and had to wait
 * @param firstRejection status and body text of the first non-2xx response, or null
 */
public record MetricLoadSummary(
        String endpoint,
        String protocol,
        long targetRate,
        int batch,
        int connections,
        int series,
        double elapsedSeconds,
        long requests,
        long samplesSent,
        long samplesAcknowledged,
        long samplesRejected,
        long samplesFailed,
        SortedMap<Integer, Long> statusCounts,
        SortedMap<String, Long> errors,
        long notSent,
        double samplesPerSecond,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        double latencyMaxMs,
        long warmupRequests,
        long warmupSamplesAcknowledged,
        long scrapesComplete,
        long scrapesStarted,
        long simulatedStartMillis,
        long simulatedEndMillis,
        boolean caughtUp,
        String firstRejection) {

    public MetricLoadSummary {
        statusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
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
        line(s, "Metrics load (%s) on %s: target %s, batch %d, %d connections, %d series", protocol, endpoint,
                targetRate == 0 ? "unpaced" : targetRate + " samples/s", batch, connections, series);
        line(s, "  requests              %d (not sent, behind schedule: %d)", requests, notSent);
        line(s, "  samples sent          %d", samplesSent);
        line(s, "  samples acknowledged  %d", samplesAcknowledged);
        line(s, "  samples rejected      %d in %d non-2xx responses", samplesRejected, rejectedRequests());
        line(s, "  samples failed        %d in %d requests without a response", samplesFailed, failedRequests());
        line(s, "  by status             %s", statusCounts);
        if (firstRejection != null) {
            line(s, "  first rejection       %s", firstRejection);
        }
        if (warmupRequests > 0) {
            line(s, "  warm-up (not counted) %d requests, %d samples acknowledged", warmupRequests,
                    warmupSamplesAcknowledged);
        }
        if (!errors.isEmpty()) {
            line(s, "  errors                %s", errors);
        }
        line(s, "  simulated time        %s to %s, %d scrapes (all senders) to %d%s", Instant.ofEpochMilli(simulatedStartMillis),
                Instant.ofEpochMilli(simulatedEndMillis), scrapesComplete, scrapesStarted,
                caughtUp ? "; caught up with the wall clock" : "");
        line(s, "  achieved              %.0f samples/s over %.2f s", samplesPerSecond, elapsedSeconds);
        line(s, "  latency ms            p50 %.2f  p95 %.2f  p99 %.2f  max %.2f", latencyP50Ms, latencyP95Ms,
                latencyP99Ms, latencyMaxMs);
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** The same figures as one JSON object; keys are stable for scripts (bin/bench reads them). */
    public String toJson() {
        return new SummaryJson()
                .field("endpoint", endpoint)
                .field("protocol", protocol)
                .field("targetRate", targetRate)
                .field("batch", batch)
                .field("connections", connections)
                .field("series", series)
                .field("elapsedSeconds", elapsedSeconds)
                .field("requests", requests)
                .field("samplesSent", samplesSent)
                .field("samplesAcknowledged", samplesAcknowledged)
                .field("samplesRejected", samplesRejected)
                .field("samplesFailed", samplesFailed)
                .field("rejectedRequests", rejectedRequests())
                .field("failedRequests", failedRequests())
                .counts("statusCounts", statusCounts)
                .counts("errors", errors)
                .field("notSent", notSent)
                .field("samplesPerSecond", samplesPerSecond)
                .field("warmupRequests", warmupRequests)
                .field("warmupSamplesAcknowledged", warmupSamplesAcknowledged)
                .field("scrapesComplete", scrapesComplete)
                .field("scrapesStarted", scrapesStarted)
                .field("simulatedStartMillis", simulatedStartMillis)
                .field("simulatedEndMillis", simulatedEndMillis)
                .field("caughtUp", caughtUp)
                .field("firstRejection", firstRejection)
                .beginObject("latencyMs")
                .field("p50", latencyP50Ms)
                .field("p95", latencyP95Ms)
                .field("p99", latencyP99Ms)
                .field("max", latencyMaxMs)
                .endObject()
                .toString();
    }
}
