package io.sightline.ingest.otlp;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Drives the OpenTelemetry Java SDK with a given exporter, the way an instrumented application
 * does, and flushes. The SDK reports success even when the server refused, so callers check the WAL.
 */
public final class SdkClient {
    private static final Resource RESOURCE = Resource.getDefault().merge(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));
    private static final long FLUSH_SECONDS = 10;

    private SdkClient() {
    }

    /** Ends span "GET /orders" through a SimpleSpanProcessor; returns its trace id. */
    public static String span(SpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        try {
            Span span = provider.get("contract").spanBuilder("GET /orders")
                    .setAttribute("http.route", "/orders").startSpan();
            span.end();
            provider.forceFlush().join(FLUSH_SECONDS, TimeUnit.SECONDS);
            return span.getSpanContext().getTraceId();
        } finally {
            provider.shutdown().join(FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Emits log "order 42 placed" in a known span context; returns the trace id. */
    public static String log(LogRecordExporter exporter) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        SpanContext context = SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault());
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        try {
            provider.get("contract").logRecordBuilder()
                    .setContext(Context.root().with(Span.wrap(context)))
                    .setSeverity(Severity.WARN)
                    .setSeverityText("WARN")
                    .setBody("order 42 placed")
                    .setAttribute(AttributeKey.longKey("order.id"), 42L)
                    .emit();
            provider.forceFlush().join(FLUSH_SECONDS, TimeUnit.SECONDS);
            return traceId;
        } finally {
            provider.shutdown().join(FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Adds 3 to counter "orders.placed" (region=eu) and flushes the periodic reader once. */
    public static void metric(MetricExporter exporter) {
        PeriodicMetricReader reader = PeriodicMetricReader.builder(exporter)
                .setInterval(java.time.Duration.ofHours(1)).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader)
                .build();
        try {
            provider.get("contract").counterBuilder("orders.placed").build()
                    .add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
            provider.forceFlush().join(FLUSH_SECONDS, TimeUnit.SECONDS);
        } finally {
            // Shutting down would export once more; the test reads the first entry only.
            provider.shutdown().join(FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }
}
