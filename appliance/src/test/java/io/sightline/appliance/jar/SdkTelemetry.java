package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * An application instrumented with the official OpenTelemetry SDK, sending all three signals to one
 * Sightline over OTLP/HTTP, and the ledger of what that Sightline acknowledged: every span name and
 * log body of a round whose flush succeeded. Each round also adds to a counter, one sample per series
 * per round (the metric reader exports only when flushed).
 */
final class SdkTelemetry implements AutoCloseable {
    static final String SERVICE = "export-test";
    static final String COUNTER = "export_test_rounds_total";

    private final SdkTracerProvider tracing;
    private final SdkLoggerProvider logging;
    private final SdkMeterProvider metering;
    private final Tracer tracer;
    private final Logger logger;
    private final LongCounter rounds;

    SdkTelemetry(int otlpHttpPort, String instance) {
        String base = "http://127.0.0.1:" + otlpHttpPort;
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE,
                AttributeKey.stringKey("service.instance.id"), instance));
        tracing = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build())
                        .setScheduleDelay(Duration.ofHours(1)).build())
                .build();
        logging = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(
                        OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").build())
                        .setScheduleDelay(Duration.ofHours(1)).build())
                .build();
        metering = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(
                        OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").build())
                        .setInterval(Duration.ofHours(1)).build())
                .build();
        tracer = tracing.get("export-it");
        logger = logging.get("export-it");
        rounds = metering.get("export-it").counterBuilder("export.test.rounds").build();
    }

    /**
     * Emits {@code count} spans (each its own trace) and log records named {@code <round>-<i>}, adds
     * one to the counter for two series, flushes all three signals and records what was acknowledged.
     */
    void round(String round, int count, Ledger ledger) {
        java.util.List<String> traceIds = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = round + "-" + i;
            Span span = tracer.spanBuilder(name).startSpan();
            traceIds.add(span.getSpanContext().getTraceId());
            try (var scope = span.makeCurrent()) {
                logger.logRecordBuilder().setBody("log " + name).emit();
            } finally {
                span.end();
            }
        }
        rounds.add(1, Attributes.of(AttributeKey.stringKey("kind"), "a"));
        rounds.add(2, Attributes.of(AttributeKey.stringKey("kind"), "b"));
        for (CompletableResultCode flush : new CompletableResultCode[] {tracing.forceFlush(), logging.forceFlush(),
                metering.forceFlush()}) {
            assertThat(flush.join(30, TimeUnit.SECONDS).isSuccess()).as("Sightline acknowledged round " + round).isTrue();
        }
        ledger.traceIds.addAll(traceIds);
        for (int i = 0; i < count; i++) {
            ledger.spans.add(round + "-" + i);
            ledger.logs.add("log " + round + "-" + i);
        }
    }

    @Override
    public void close() {
        tracing.close();
        logging.close();
        metering.close();
    }

    /** What Sightline acknowledged: span names (each its own trace), their trace ids, log bodies. */
    static final class Ledger {
        final Set<String> spans = new TreeSet<>();
        final Set<String> traceIds = new TreeSet<>();
        final Set<String> logs = new TreeSet<>();
    }
}
