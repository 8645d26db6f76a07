package io.sightline.appliance.traces;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A checkout request through three services, made with the OpenTelemetry Java SDK and exported to a
 * running appliance as three separate processes would: frontend over OTLP/gRPC, orders over
 * OTLP/HTTP protobuf, inventory over OTLP/HTTP with gzip. The trace context crosses each "HTTP call"
 * only through a W3C {@code traceparent} header in a carrier map. Spans have fixed times (ms after
 * {@link #baseNanos}), so durations, searches by duration and the critical path are known:
 *
 * <pre>
 * frontend  SERVER   GET /checkout   [  0, 500]  root
 * frontend  INTERNAL render cart     [ 20,  60]  child of GET /checkout
 * frontend  CLIENT   POST /orders    [100, 450]  child of GET /checkout
 * orders    SERVER   POST /orders    [110, 440]  child of frontend's POST /orders, status OK
 * orders    CLIENT   GET /stock      [150, 400]  child of orders' POST /orders
 * inventory SERVER   GET /stock      [160, 390]  child of orders' GET /stock, ERROR with an exception event
 * </pre>
 */
final class CheckoutTrace {
    static final String SCOPE = "io.sightline.it.checkout";
    static final String SCOPE_VERSION = "1.0";
    static final String FAILURE = "sku-42 out of stock";

    /** Span start, in ns since the epoch: a whole millisecond a few seconds before the trace was made. */
    final long baseNanos;
    final String traceId;
    final Map<String, String> spanIds = new HashMap<>();
    /** When the exception event was recorded: by the SDK's clock, between these two instants (ns). */
    final long eventAfterNanos;
    final long eventBeforeNanos;
    /** The W3C trace flags byte the SDK gave the trace (sampled, and its random bit when it sets one). */
    final int traceFlags;

    private CheckoutTrace(long baseNanos, String traceId, int traceFlags, long eventAfterNanos, long eventBeforeNanos,
                          Map<String, String> ids) {
        this.traceFlags = traceFlags;
        this.baseNanos = baseNanos;
        this.traceId = traceId;
        this.eventAfterNanos = eventAfterNanos;
        this.eventBeforeNanos = eventBeforeNanos;
        this.spanIds.putAll(ids);
    }

    /** Span id by a short name: {@code checkout}, {@code render}, {@code callOrders}, {@code orders}, {@code callStock}, {@code stock}. */
    String span(String name) {
        return spanIds.get(name);
    }

    /** Makes the trace, exports it and waits until every exporter has delivered it (HTTP 200 / gRPC OK). */
    static CheckoutTrace send(int otlpGrpcPort, int otlpHttpPort) {
        long base = (System.currentTimeMillis() - 5_000) * 1_000_000L;
        try (SdkTracerProvider frontend = provider("frontend", OtlpGrpcSpanExporter.builder()
                     .setEndpoint("http://127.0.0.1:" + otlpGrpcPort).build());
             SdkTracerProvider orders = provider("orders", OtlpHttpSpanExporter.builder()
                     .setEndpoint("http://127.0.0.1:" + otlpHttpPort + "/v1/traces").build());
             SdkTracerProvider inventory = provider("inventory", OtlpHttpSpanExporter.builder()
                     .setEndpoint("http://127.0.0.1:" + otlpHttpPort + "/v1/traces").setCompression("gzip").build())) {
            Map<String, String> ids = new HashMap<>();
            Tracer front = tracer(frontend);
            Span checkout = front.spanBuilder("GET /checkout").setNoParent().setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(base, NANOSECONDS)
                    .setAttribute("http.request.method", "GET")
                    .setAttribute("http.route", "/checkout")
                    .setAttribute("http.response.status_code", 200L)
                    .setAttribute("cart.value", 42.5)
                    .setAttribute("user.premium", true)
                    .setAttribute(AttributeKey.stringArrayKey("cart.skus"), List.of("sku-1", "sku-42"))
                    .startSpan();
            ids.put("checkout", checkout.getSpanContext().getSpanId());
            Context inCheckout = Context.root().with(checkout);
            Span render = front.spanBuilder("render cart").setParent(inCheckout).setSpanKind(SpanKind.INTERNAL)
                    .setStartTimestamp(base + ms(20), NANOSECONDS).startSpan();
            ids.put("render", render.getSpanContext().getSpanId());
            render.end(base + ms(60), NANOSECONDS);
            Span callOrders = front.spanBuilder("POST /orders").setParent(inCheckout).setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(base + ms(100), NANOSECONDS).setAttribute("http.request.method", "POST")
                    .startSpan();
            ids.put("callOrders", callOrders.getSpanContext().getSpanId());

            Tracer ord = tracer(orders);
            Span ordersServer = ord.spanBuilder("POST /orders").setParent(acrossHttp(callOrders)).setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(base + ms(110), NANOSECONDS).setAttribute("http.route", "/orders")
                    .setAttribute("order.lines", 2L).startSpan();
            ids.put("orders", ordersServer.getSpanContext().getSpanId());
            Span callStock = ord.spanBuilder("GET /stock").setParent(Context.root().with(ordersServer))
                    .setSpanKind(SpanKind.CLIENT).setStartTimestamp(base + ms(150), NANOSECONDS).startSpan();
            ids.put("callStock", callStock.getSpanContext().getSpanId());

            Span stock = tracer(inventory).spanBuilder("GET /stock").setParent(acrossHttp(callStock)).setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(base + ms(160), NANOSECONDS).setAttribute("http.route", "/stock/{sku}").startSpan();
            ids.put("stock", stock.getSpanContext().getSpanId());
            long eventAfter = System.currentTimeMillis() * 1_000_000L - ms(1);
            stock.recordException(new IllegalStateException(FAILURE), Attributes.of(AttributeKey.stringKey("sku"), "sku-42"));
            long eventBefore = System.currentTimeMillis() * 1_000_000L + ms(1);
            stock.setStatus(StatusCode.ERROR, "out of stock");
            stock.end(base + ms(390), NANOSECONDS);

            callStock.end(base + ms(400), NANOSECONDS);
            ordersServer.setStatus(StatusCode.OK);
            ordersServer.end(base + ms(440), NANOSECONDS);
            callOrders.end(base + ms(450), NANOSECONDS);
            checkout.end(base + ms(500), NANOSECONDS);

            for (SdkTracerProvider provider : List.of(frontend, orders, inventory)) {
                assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("export delivered").isTrue();
            }
            assertThat(checkout.getSpanContext().isSampled()).isTrue();
            return new CheckoutTrace(base, checkout.getSpanContext().getTraceId(),
                    checkout.getSpanContext().getTraceFlags().asByte() & 0xff, eventAfter, eventBefore, ids);
        }
    }

    static long ms(long millis) {
        return millis * 1_000_000L;
    }

    private static SdkTracerProvider provider(String service, SpanExporter exporter) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("service.version"), "1.2.3",
                AttributeKey.stringKey("deployment.environment.name"), "it")));
        return SdkTracerProvider.builder().setResource(resource).addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    }

    private static Tracer tracer(SdkTracerProvider provider) {
        return provider.tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
    }

    /** The callee's context as a server would extract it from the caller's HTTP headers. */
    private static Context acrossHttp(Span clientSpan) {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(clientSpan), headers, Map::put);
        assertThat(headers).containsKey("traceparent");
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    }

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
