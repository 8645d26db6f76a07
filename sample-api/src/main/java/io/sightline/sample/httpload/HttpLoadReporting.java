package io.sightline.sample.httpload;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run reports while it runs.
 *
 * @param progress where the live progress line goes; empty = nowhere
 * @param progressInterval how often the line is printed; default 1 s
 * @param otlpEndpoint the OTLP/HTTP base URL the results are pushed to as metrics
 *     ({@code http://127.0.0.1:4318}; posts go to {@code /v1/metrics}); empty = no metrics
 * @param runId the {@code load.run.id} attribute of every metric point, so that one run can be told
 *     from the previous on the same chart; default a timestamp ({@link #defaultRunId()})
 * @param metricsInterval how often the metrics are pushed (cumulative); default 5 s; a last push
 *     happens when the run ends
 */
public record HttpLoadReporting(
        Optional<PrintStream> progress,
        Duration progressInterval,
        Optional<URI> otlpEndpoint,
        String runId,
        Duration metricsInterval) {

    public HttpLoadReporting {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(runId, "runId");
        if (progressInterval.isNegative() || progressInterval.isZero() || metricsInterval.isNegative()
                || metricsInterval.isZero()) {
            throw new IllegalArgumentException("intervals must be above 0: progress " + progressInterval
                    + ", metrics " + metricsInterval);
        }
        if (runId.isBlank()) {
            throw new IllegalArgumentException("the run id must not be blank");
        }
    }

    /** No progress line, no metrics. */
    public static HttpLoadReporting none() {
        return new HttpLoadReporting(Optional.empty(), Duration.ofSeconds(1), Optional.empty(), defaultRunId(),
                Duration.ofSeconds(5));
    }

    /** A progress line on {@code out} every second, no metrics. */
    public static HttpLoadReporting console(PrintStream out) {
        return none().withProgress(out);
    }

    public HttpLoadReporting withProgress(PrintStream out) {
        return new HttpLoadReporting(Optional.of(out), progressInterval, otlpEndpoint, runId, metricsInterval);
    }

    public HttpLoadReporting withProgressInterval(Duration interval) {
        return new HttpLoadReporting(progress, interval, otlpEndpoint, runId, metricsInterval);
    }

    /** Pushes the results as metrics to the OTLP/HTTP base URL {@code endpoint}, tagged with {@code id}. */
    public HttpLoadReporting withMetrics(URI endpoint, String id) {
        return new HttpLoadReporting(progress, progressInterval, Optional.of(endpoint), id, metricsInterval);
    }

    public HttpLoadReporting withRunId(String id) {
        return new HttpLoadReporting(progress, progressInterval, otlpEndpoint, id, metricsInterval);
    }

    public HttpLoadReporting withMetricsInterval(Duration interval) {
        return new HttpLoadReporting(progress, progressInterval, otlpEndpoint, runId, interval);
    }

    /** The local time to the second, {@code 20261130-142501}: sorts by start, readable on a chart. */
    public static String defaultRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
