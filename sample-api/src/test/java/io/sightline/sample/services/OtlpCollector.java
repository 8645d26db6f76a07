package io.sightline.sample.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A minimal OTLP/HTTP protobuf receiver for tests: the JDK's HTTP server, keeping every request
 * the SDK's exporters post, parsed with the opentelemetry-proto classes. Thread-safe.
 */
final class OtlpCollector implements AutoCloseable {
    /** A span with the {@code service.name} of its resource. */
    record ReceivedSpan(String service, Span span) {}

    record ReceivedMetric(String service, Metric metric) {}

    record ReceivedLog(String service, LogRecord log) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<ReceivedMetric> metrics = new CopyOnWriteArrayList<>();
    private final List<ReceivedLog> logs = new CopyOnWriteArrayList<>();

    OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> receive(exchange, body -> {
            for (var resourceSpans : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                String service = serviceName(resourceSpans.getResource());
                resourceSpans.getScopeSpansList().forEach(scope ->
                        scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service, span))));
            }
        }));
        server.createContext("/v1/metrics", exchange -> receive(exchange, body -> {
            for (var resourceMetrics : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
                String service = serviceName(resourceMetrics.getResource());
                resourceMetrics.getScopeMetricsList().forEach(scope ->
                        scope.getMetricsList().forEach(metric -> metrics.add(new ReceivedMetric(service, metric))));
            }
        }));
        server.createContext("/v1/logs", exchange -> receive(exchange, body -> {
            for (var resourceLogs : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
                String service = serviceName(resourceLogs.getResource());
                resourceLogs.getScopeLogsList().forEach(scope ->
                        scope.getLogRecordsList().forEach(log -> logs.add(new ReceivedLog(service, log))));
            }
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedMetric> metrics() {
        return List.copyOf(metrics);
    }

    List<ReceivedLog> logs() {
        return List.copyOf(logs);
    }

    static String serviceName(Resource resource) {
        return attribute(resource.getAttributesList(), "service.name");
    }

    /** A string, int or bool attribute as text; "" when absent. */
    static String attribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                var value = kv.getValue();
                return switch (value.getValueCase()) {
                    case STRING_VALUE -> value.getStringValue();
                    case INT_VALUE -> Long.toString(value.getIntValue());
                    case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                    case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                    default -> value.toString();
                };
            }
        }
        return "";
    }

    private interface BodyConsumer {
        void accept(byte[] body) throws IOException;
    }

    private static void receive(HttpExchange exchange, BodyConsumer consumer) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            consumer.accept(in.readAllBytes());
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | UncheckedIOException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
