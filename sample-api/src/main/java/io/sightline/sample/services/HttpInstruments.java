package io.sightline.sample.services;

import java.util.List;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;

/**
 * The HTTP RED metrics of one service, named and bucketed as the OpenTelemetry HTTP semantic
 * conventions say: {@code http.server.request.duration} and {@code http.client.request.duration},
 * histograms in seconds. Rate and errors come from the histograms' counts by
 * {@code http.response.status_code} / {@code error.type}. Thread-safe.
 */
final class HttpInstruments {
    /** The semantic conventions' advised boundaries for HTTP durations, in seconds. */
    static final List<Double> HTTP_DURATION_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final DoubleHistogram serverDuration;
    private final DoubleHistogram clientDuration;

    HttpInstruments(Meter meter) {
        this.serverDuration = meter.histogramBuilder("http.server.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP server requests.")
                .setExplicitBucketBoundariesAdvice(HTTP_DURATION_BUCKETS)
                .build();
        this.clientDuration = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP client requests.")
                .setExplicitBucketBoundariesAdvice(HTTP_DURATION_BUCKETS)
                .build();
    }

    DoubleHistogram serverDuration() {
        return serverDuration;
    }

    DoubleHistogram clientDuration() {
        return clientDuration;
    }

    /** Seconds between two {@link System#nanoTime()} readings. */
    static double seconds(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e9;
    }
}
