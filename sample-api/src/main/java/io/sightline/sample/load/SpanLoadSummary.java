package io.sightline.sample.load;

import java.util.Locale;

/**
 * The outcome of one span load: {@link LoadSummary}'s figures, its records being spans, and the
 * traces in acknowledged requests. Keys of {@link #toJson()} are stable for {@code bin/bench}.
 *
 * @param format the wire format sent
 * @param load the counts and latencies; "records" are spans
 * @param tracesAcknowledged traces in 2xx answers, warm-up included
 */
record SpanLoadSummary(SpanBody.Format format, LoadSummary load, long tracesAcknowledged) {

    /** A human-readable report, several lines, ending with a newline. */
    String toText() {
        LoadSummary s = load;
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%s span load on %s: target %s, batch %d spans, %d connections%n",
                format == SpanBody.Format.OTLP ? "OTLP/HTTP protobuf" : "Zipkin v2 JSON", s.endpoint(),
                s.targetRate() == 0 ? "unpaced" : s.targetRate() + " spans/s", s.batch(), s.connections()));
        t.append(String.format(Locale.ROOT, "  requests              %d (not sent, behind schedule: %d)%n", s.requests(), s.notSent()));
        t.append(String.format(Locale.ROOT, "  spans sent            %d%n", s.recordsSent()));
        t.append(String.format(Locale.ROOT, "  spans acknowledged    %d (%d traces, warm-up included)%n",
                s.recordsAcknowledged(), tracesAcknowledged));
        t.append(String.format(Locale.ROOT, "  spans rejected        %d in %d non-2xx responses%n", s.recordsRejected(), s.rejectedRequests()));
        t.append(String.format(Locale.ROOT, "  spans failed          %d in %d requests without a response%n", s.recordsFailed(), s.failedRequests()));
        t.append(String.format(Locale.ROOT, "  by status             %s%n", s.statusCounts()));
        if (s.warmupRequests() > 0) {
            t.append(String.format(Locale.ROOT, "  warm-up (not counted) %d requests, %d spans acknowledged%n",
                    s.warmupRequests(), s.warmupRecordsAcknowledged()));
        }
        if (!s.errors().isEmpty()) {
            t.append(String.format(Locale.ROOT, "  errors                %s%n", s.errors()));
        }
        t.append(String.format(Locale.ROOT, "  achieved              %.0f spans/s over %.2f s%n", s.recordsPerSecond(), s.elapsedSeconds()));
        t.append(String.format(Locale.ROOT, "  latency ms            p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n",
                s.latencyP50Ms(), s.latencyP95Ms(), s.latencyP99Ms(), s.latencyMaxMs()));
        return t.toString();
    }

    /** The same figures as one JSON object. */
    String toJson() {
        LoadSummary s = load;
        return new SummaryJson()
                .field("format", format.name().toLowerCase(Locale.ROOT))
                .field("endpoint", s.endpoint())
                .field("targetRate", s.targetRate())
                .field("batch", s.batch())
                .field("connections", s.connections())
                .field("elapsedSeconds", s.elapsedSeconds())
                .field("requests", s.requests())
                .field("spansSent", s.recordsSent())
                .field("spansAcknowledged", s.recordsAcknowledged())
                .field("spansRejected", s.recordsRejected())
                .field("spansFailed", s.recordsFailed())
                .field("rejectedRequests", s.rejectedRequests())
                .field("failedRequests", s.failedRequests())
                .counts("statusCounts", s.statusCounts())
                .counts("errors", s.errors())
                .field("notSent", s.notSent())
                .field("spansPerSecond", s.recordsPerSecond())
                .field("warmupRequests", s.warmupRequests())
                .field("warmupSpansAcknowledged", s.warmupRecordsAcknowledged())
                .field("tracesAcknowledged", tracesAcknowledged)
                .beginObject("latencyMs")
                .field("p50", s.latencyP50Ms())
                .field("p95", s.latencyP95Ms())
                .field("p99", s.latencyP99Ms())
                .field("max", s.latencyMaxMs())
                .endObject()
                .toString();
    }
}
