package io.sightline.sample.services;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * One service's own {@link OpenTelemetrySdk} (never the global one, so three services share a JVM
 * without sharing a resource): its resource, OTLP/HTTP protobuf exporters for the three signals,
 * W3C trace-context propagation, and the tracer, meter and logger the service's code uses.
 * Thread-safe, as the SDK is.
 */
final class ServiceTelemetry implements AutoCloseable {
    /** Instrumentation scope of everything the sample services record. */
    static final String SCOPE = "io.sightline.sample.services";
    static final String NAMESPACE = "sightline-demo";
    static final String ENVIRONMENT = "demo";
    /** How long {@link #close()} waits for the last exports before giving up on them. */
    private static final long SHUTDOWN_SECONDS = 10;

    private final String serviceName;
    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final Meter meter;
    private final Logger logger;

    private ServiceTelemetry(String serviceName, OpenTelemetrySdk sdk) {
        this.serviceName = serviceName;
        this.sdk = sdk;
        String version = version();
        this.tracer = sdk.getTracer(SCOPE, version);
        this.meter = sdk.getMeterProvider().meterBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.logger = sdk.getLogsBridge().loggerBuilder(SCOPE).setInstrumentationVersion(version).build();
    }

    /** Builds the SDK; exporters connect lazily, so a receiver that is not up yet is no error here. */
    static ServiceTelemetry create(String serviceName, String otlpEndpoint, Duration exportInterval) {
        String base = otlpEndpoint.endsWith("/") ? otlpEndpoint.substring(0, otlpEndpoint.length() - 1) : otlpEndpoint;
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", serviceName)
                .put("service.namespace", NAMESPACE)
                .put("service.version", version())
                .put("service.instance.id", UUID.randomUUID().toString())
                .put("deployment.environment.name", ENVIRONMENT)
                .put("host.name", hostName())
                .build()));
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(
                                OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build())
                        .setScheduleDelay(exportInterval)
                        .build())
                .build();
        SdkMeterProvider meterProvider = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(
                                OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").build())
                        .setInterval(exportInterval)
                        .build())
                .build();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(
                                OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").build())
                        .setScheduleDelay(exportInterval)
                        .build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setMeterProvider(meterProvider)
                .setLoggerProvider(loggerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new ServiceTelemetry(serviceName, sdk);
    }

    String serviceName() {
        return serviceName;
    }

    Tracer tracer() {
        return tracer;
    }

    Meter meter() {
        return meter;
    }

    /** The Logs Bridge logger: records emitted with the current context carry its trace and span id. */
    Logger logger() {
        return logger;
    }

    TextMapPropagator propagator() {
        return sdk.getPropagators().getTextMapPropagator();
    }

    /**
     * Exports what is still buffered (spans, log records, a last metric collection) and shuts the
     * SDK down. The three providers shut down side by side: with the receiver gone, each one's
     * exporter retries with backoff, and one after another they held a Ctrl-C for most of a
     * minute. Waits about {@value #SHUTDOWN_SECONDS} s at most.
     */
    @Override
    public void close() {
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            parallel.submit(() -> sdk.getSdkTracerProvider().shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS));
            parallel.submit(() -> sdk.getSdkMeterProvider().shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS));
            parallel.submit(() -> sdk.getSdkLoggerProvider().shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** The jar's version when packaged, else {@code dev}. */
    static String version() {
        String version = ServiceTelemetry.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
