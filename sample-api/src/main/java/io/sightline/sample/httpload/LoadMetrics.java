package io.sightline.sample.httpload;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A run's results as OpenTelemetry metrics, pushed over OTLP/HTTP by the run's own
 * {@link OpenTelemetrySdk} (resource {@code service.name=sightline-load}), so that Sightline can
 * chart a run beside the previous one:
 *
 * <ul>
 *   <li>{@code load.requests} (counter, {@code {request}}): every request, with
 *       {@code load.run.id}, {@code load.endpoint}, and {@code http.response.status_code} when
 *       answered; {@code error.type} on failures (the status, or the exception's simple name);
 *   <li>{@code load.request.duration} (histogram, seconds, the same attributes): the latency of
 *       every answer, buckets from 0.5 ms to 10 s;
 *   <li>{@code load.users} (gauge): users running, with {@code load.run.id}.
 * </ul>
 *
 * Attribute sets are built once per endpoint and status and reused, so recording costs two SDK
 * calls. Thread-safe. {@link #disabled()} records nothing.
 */
final class LoadMetrics implements AutoCloseable {

    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("load.run.id");
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("load.endpoint");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Seconds; from well under the sample services' ~1 ms to a timeout-like 10 s. */
    private static final List<Double> BUCKETS =
            List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private final OpenTelemetrySdk sdk;
    private final LongCounter requests;
    private final DoubleHistogram duration;
    private final String runId;
    private final String[] endpoints;
    private final List<Map<Integer, Attributes>> byStatus;
    private final List<Map<String, Attributes>> byError;

    private LoadMetrics(OpenTelemetrySdk sdk, String runId, List<HttpEndpoint> endpoints, IntSupplier users) {
        this.sdk = sdk;
        this.runId = runId;
        this.endpoints = endpoints.stream().map(HttpEndpoint::name).toArray(String[]::new);
        this.byStatus = endpoints.stream().map(e -> (Map<Integer, Attributes>) new ConcurrentHashMap<Integer, Attributes>()).toList();
        this.byError = endpoints.stream().map(e -> (Map<String, Attributes>) new ConcurrentHashMap<String, Attributes>()).toList();
        if (sdk == null) {
            requests = null;
            duration = null;
            return;
        }
        Meter meter = sdk.getMeter("io.sightline.sample.httpload");
        requests = meter.counterBuilder("load.requests").setUnit("{request}")
                .setDescription("Requests sent by the Sightline load generator").build();
        duration = meter.histogramBuilder("load.request.duration").setUnit("s")
                .setDescription("Latency of the answered requests, from the due time when paced")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        Attributes run = Attributes.of(RUN_ID, runId);
        meter.gaugeBuilder("load.users").ofLongs().setUnit("{user}").setDescription("Virtual users running")
                .buildWithCallback(m -> m.record(users.getAsInt(), run));
    }

    static LoadMetrics disabled() {
        return new LoadMetrics(null, "", List.of(), () -> 0);
    }

    /**
     * @param endpoint the OTLP/HTTP base URL; the metrics go to {@code endpoint/v1/metrics}
     */
    static LoadMetrics start(URI endpoint, String runId, Duration interval, List<HttpEndpoint> endpoints,
                             IntSupplier users) {
        String base = endpoint.toString().replaceAll("/+$", "");
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(base.endsWith("/v1/metrics") ? base : base + "/v1/metrics")
                .setTimeout(Duration.ofSeconds(10))
                .build();
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "sightline-load"))))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(interval).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(provider).build();
        return new LoadMetrics(sdk, runId, endpoints, users);
    }

    void answer(int endpoint, int status, long latencyNanos) {
        if (sdk == null) {
            return;
        }
        Attributes a = byStatus.get(endpoint).get(status);
        if (a == null) {
            a = byStatus.get(endpoint).computeIfAbsent(status, s -> {
                var b = Attributes.builder().put(RUN_ID, runId).put(ENDPOINT, endpoints[endpoint]).put(STATUS, (long) s);
                if (s >= 500) {
                    b.put(ERROR_TYPE, Integer.toString(s));
                }
                return b.build();
            });
        }
        requests.add(1, a);
        duration.record(latencyNanos / 1e9, a);
    }

    void connectionError(int endpoint, String type) {
        if (sdk == null) {
            return;
        }
        Attributes a = byError.get(endpoint).computeIfAbsent(type, t ->
                Attributes.of(RUN_ID, runId, ENDPOINT, endpoints[endpoint], ERROR_TYPE, t));
        requests.add(1, a);
    }

    /** Pushes what is left and stops the SDK, waiting at most {@code timeout}. */
    void close(Duration timeout) {
        if (sdk == null) {
            return;
        }
        CompletableResultCode flushed = sdk.getSdkMeterProvider().forceFlush();
        flushed.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        sdk.getSdkMeterProvider().shutdown().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
