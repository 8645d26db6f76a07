package io.sightline.sample.httpload;

import io.sightline.sample.load.LatencyHistogram;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the users of one run count into: per-endpoint stats, the latency window of the
 * progress line, the metrics, the order ids seen and the number of users running. Thread-safe.
 */
final class RunTallies {

    final List<EndpointStats> endpoints;
    final LoadMetrics metrics;
    final OrderIds orderIds;
    final AtomicInteger usersRunning;
    /** Latencies of every endpoint since the last progress line; swapped by {@link #takeWindow()}. */
    private final AtomicReference<LatencyHistogram> window = new AtomicReference<>(new LatencyHistogram());

    RunTallies(List<HttpEndpoint> endpoints, LoadMetrics metrics, OrderIds orderIds, AtomicInteger usersRunning) {
        this.usersRunning = usersRunning;
        this.endpoints = endpoints.stream().map(e -> new EndpointStats(e.name())).toList();
        this.metrics = metrics;
        this.orderIds = orderIds;
    }

    void answer(int endpoint, int status, long latencyNanos) {
        endpoints.get(endpoint).answer(status, latencyNanos);
        window.get().record(latencyNanos);
        metrics.answer(endpoint, status, latencyNanos);
    }

    void connectionError(int endpoint, Exception e) {
        String type = e.getClass().getSimpleName();
        endpoints.get(endpoint).connectionError(type);
        metrics.connectionError(endpoint, type);
    }

    /**
     * The latencies since the previous call; a user that read the old window just before the swap
     * may still add one sample to it, which the line then misses (the summary does not).
     */
    LatencyHistogram takeWindow() {
        return window.getAndSet(new LatencyHistogram());
    }

    long requests() {
        return endpoints.stream().mapToLong(EndpointStats::requests).sum();
    }

    long failures() {
        return endpoints.stream().mapToLong(e -> e.serverErrors() + e.connectionErrors()).sum();
    }

    long clientErrors() {
        return endpoints.stream().mapToLong(EndpointStats::clientErrors).sum();
    }
}
