package io.sightline.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The OpenTelemetry Java SDK producing real metric data on a manual clock: a meter provider whose
 * reader hands each collection over as the OTLP request the SDK's exporters would send.
 */
final class SdkMetrics implements MetricReader {
    static final Resource RESOURCE = Resource.create(Attributes.builder()
            .put(AttributeKey.stringKey("service.name"), "checkout")
            .put(AttributeKey.stringKey("service.namespace"), "shop")
            .put(AttributeKey.stringKey("service.instance.id"), "i-1")
            .put(AttributeKey.stringKey("host.name"), "h1")
            .build());
    /** 2026-01-01T00:00:00Z in nanoseconds. */
    static final long START_NANOS = 1_767_225_600_000_000_000L;

    final long[] nowNanos = {START_NANOS};
    final SdkMeterProvider provider;
    private final AggregationTemporality temporality;
    private final AtomicReference<CollectionRegistration> registration = new AtomicReference<>();

    SdkMetrics(AggregationTemporality temporality) {
        this.temporality = temporality;
        Clock clock = new Clock() {
            @Override
            public long now() {
                return nowNanos[0];
            }

            @Override
            public long nanoTime() {
                return nowNanos[0];
            }
        };
        provider = SdkMeterProvider.builder().setClock(clock).setResource(RESOURCE).registerMetricReader(this)
                .registerView(InstrumentSelector.builder().setName("*.exponential").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                .build();
    }

    void advanceSeconds(long seconds) {
        nowNanos[0] += seconds * 1_000_000_000L;
    }

    /** Collects everything now, as the OTLP request an exporter would send. */
    ExportMetricsServiceRequest collect() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MetricsRequestMarshaler.create(registration.get().collectAllMetrics()).writeBinaryTo(bytes);
            return ExportMetricsServiceRequest.parseFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(CollectionRegistration collection) {
        registration.set(collection);
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return temporality;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
