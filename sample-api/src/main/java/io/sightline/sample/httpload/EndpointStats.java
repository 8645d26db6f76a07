package io.sightline.sample.httpload;

import io.sightline.sample.load.LatencyHistogram;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tallies of one endpoint over a run: answers by status, connection errors by exception type,
 * and the latency of every answer (from its due time when paced). A connection error has no
 * latency: nothing came back to time. Thread-safe; every user records at once.
 */
final class EndpointStats {

    final String name;
    final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder answers = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byError = new ConcurrentHashMap<>();

    EndpointStats(String name) {
        this.name = name;
    }

    /** Counts an answer: 4xx as a client error, 5xx (and anything past 599) as a server error. */
    void answer(int status, long latencyNanos) {
        answers.increment();
        LongAdder count = byStatus.get(status);
        if (count == null) {
            count = byStatus.computeIfAbsent(status, s -> new LongAdder());
        }
        count.increment();
        if (status >= 500) {
            serverErrors.increment();
        } else if (status >= 400) {
            clientErrors.increment();
        }
        latency.record(latencyNanos);
    }

    /** Counts a request that got no complete answer, by the exception's simple class name. */
    void connectionError(String type) {
        connectionErrors.increment();
        LongAdder count = byError.get(type);
        if (count == null) {
            count = byError.computeIfAbsent(type, s -> new LongAdder());
        }
        count.increment();
    }

    long requests() {
        return answers.sum() + connectionErrors.sum();
    }

    long clientErrors() {
        return clientErrors.sum();
    }

    long serverErrors() {
        return serverErrors.sum();
    }

    long connectionErrors() {
        return connectionErrors.sum();
    }

    void addStatusCounts(SortedMap<Integer, Long> into) {
        byStatus.forEach((status, n) -> into.merge(status, n.sum(), Long::sum));
    }

    void addErrorCounts(SortedMap<String, Long> into) {
        byError.forEach((type, n) -> into.merge(type, n.sum(), Long::sum));
    }

    /** The summary row of this endpoint over {@code elapsedSeconds}. */
    HttpLoadSummary.Endpoint summary(double elapsedSeconds) {
        return HttpLoadSummary.Endpoint.of(name, requests(), elapsedSeconds, clientErrors(), serverErrors(),
                connectionErrors(), latency);
    }

    static SortedMap<Integer, Long> statusCounts(Iterable<EndpointStats> all) {
        SortedMap<Integer, Long> m = new TreeMap<>();
        all.forEach(e -> e.addStatusCounts(m));
        return m;
    }

    static SortedMap<String, Long> errorCounts(Iterable<EndpointStats> all) {
        SortedMap<String, Long> m = new TreeMap<>();
        all.forEach(e -> e.addErrorCounts(m));
        return m;
    }
}
