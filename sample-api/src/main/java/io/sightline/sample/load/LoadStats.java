package io.sightline.sample.load;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a run, updated by every sender at once. Thread-safe. */
final class LoadStats {

    final LongAdder requests = new LongAdder();
    final LongAdder recordsSent = new LongAdder();
    final LongAdder recordsAcknowledged = new LongAdder();
    final LongAdder recordsRejected = new LongAdder();
    final LongAdder recordsFailed = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    /** Latencies since the last progress line; swapped out by {@link #takeWindow()}. */
    private final AtomicReference<LatencyHistogram> window =
            new AtomicReference<>(new LatencyHistogram());
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /**
     * Counts an HTTP response. A 2xx acknowledges the batch except for the records the server
     * reports rejected in an OTLP partial-success body; anything else rejects the whole batch.
     */
    void response(int status, byte[] body, int records, long latencyNanos) {
        requests.increment();
        recordsSent.add(records);
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        latency.record(latencyNanos);
        window.get().record(latencyNanos);
        if (status >= 200 && status <= 299) {
            long rejected = Math.min(records, partiallyRejected(body));
            recordsAcknowledged.add(records - rejected);
            recordsRejected.add(rejected);
        } else {
            recordsRejected.add(records);
        }
    }

    /** Counts a request that got no response; its latency is not recorded. */
    void failure(Throwable error, int records) {
        requests.increment();
        recordsSent.add(records);
        recordsFailed.add(records);
        errors.computeIfAbsent(error.getClass().getName(), s -> new LongAdder()).increment();
    }

    /**
     * Returns the latencies recorded since the previous call and starts a new window. A sender that
     * read the old window just before the swap may still add to it; a progress line can miss that
     * one sample, the final summary cannot (it reads {@link #latency}).
     */
    LatencyHistogram takeWindow() {
        return window.getAndSet(new LatencyHistogram());
    }

    long nonSuccessResponses() {
        long n = 0;
        for (Map.Entry<Integer, LongAdder> e : byStatus.entrySet()) {
            if (e.getKey() < 200 || e.getKey() > 299) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    long failures() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    SortedMap<Integer, Long> statusCounts() {
        SortedMap<Integer, Long> m = new TreeMap<>();
        byStatus.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    SortedMap<String, Long> errorCounts() {
        SortedMap<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private static long partiallyRejected(byte[] body) {
        if (body == null || body.length == 0) {
            return 0;
        }
        try {
            ExportLogsServiceResponse response = ExportLogsServiceResponse.parseFrom(body);
            return response.hasPartialSuccess() ? response.getPartialSuccess().getRejectedLogRecords() : 0;
        } catch (InvalidProtocolBufferException e) {
            return 0; // not an OTLP body (e.g. a proxy's text); the status alone decides
        }
    }
}
