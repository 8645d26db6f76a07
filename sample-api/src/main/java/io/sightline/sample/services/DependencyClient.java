package io.sightline.sample.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Calls the next service over HTTP with the JDK's {@link HttpClient}, as a CLIENT span whose
 * context travels in the W3C {@code traceparent} header, measured in
 * {@code http.client.request.duration}. The caller's dependency faults apply inside the span. A
 * 5xx answer or a failed call throws {@link DependencyException}; other answers are returned.
 * Thread-safe.
 */
final class DependencyClient implements AutoCloseable {
    /** A slow dependency fails after this long, as a real client would give up rather than hang. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final TextMapSetter<HttpRequest.Builder> HEADERS = (builder, key, value) -> builder.header(key, value);

    /** What the dependency answered (below 500). */
    record Answer(int status, String json) {}

    private final String dependency;
    private final URI base;
    private final ServiceTelemetry telemetry;
    private final HttpInstruments instruments;
    private final FaultState faults;
    private final RequestLog log;
    private final HttpClient client;

    DependencyClient(String dependency, URI base, ServiceTelemetry telemetry, HttpInstruments instruments,
                     FaultState faults, RequestLog log) {
        this.dependency = dependency;
        this.base = base;
        this.telemetry = telemetry;
        this.instruments = instruments;
        this.faults = faults;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * @param template the path's pattern ({@code /inventory/{sku}}), for the span name
     * @param path the path to call
     * @param json the request body, or null for none
     */
    Answer call(String method, String template, String path, String json) {
        long start = System.nanoTime();
        URI uri = base.resolve(path);
        Span span = telemetry.tracer().spanBuilder(method + " " + template)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", method)
                .setAttribute("url.full", uri.toString())
                .setAttribute("url.template", template)
                .setAttribute("server.address", uri.getHost())
                .setAttribute("server.port", (long) uri.getPort())
                .setAttribute("peer.service", dependency)
                .startSpan();
        Integer status = null;
        String errorType = null;
        // Closed in finally, not by try-with-resources, so the catch blocks still log inside the span.
        Scope scope = span.makeCurrent();
        try {
            faults.beforeDependencyCall(dependency);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(CALL_TIMEOUT)
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            telemetry.propagator().inject(Context.current(), request, HEADERS);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            span.setAttribute("http.response.status_code", (long) status);
            if (status >= 500) {
                errorType = Integer.toString(status);
                span.setStatus(StatusCode.ERROR, dependency + " answered " + status);
                throw new DependencyException(dependency + " answered " + status + ": " + response.body(), null);
            }
            return new Answer(status, response.body());
        } catch (InjectedFaultException | IOException e) {
            errorType = e.getClass().getName();
            failed(span, e);
            throw new DependencyException("call to " + dependency + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errorType = e.getClass().getName();
            failed(span, e);
            throw new DependencyException("call to " + dependency + " was interrupted", e);
        } finally {
            AttributesBuilder attributes = Attributes.builder()
                    .put("http.request.method", method)
                    .put("server.address", uri.getHost())
                    .put("server.port", (long) uri.getPort());
            if (status != null) {
                attributes.put("http.response.status_code", (long) status);
            }
            if (errorType != null) {
                attributes.put("error.type", errorType);
                span.setAttribute("error.type", errorType);
            }
            instruments.clientDuration().record(HttpInstruments.seconds(start, System.nanoTime()), attributes.build());
            scope.close();
            span.end();
        }
    }

    private void failed(Span span, Exception e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getMessage());
        log.failure("call to " + dependency, e);
    }

    @Override
    public void close() {
        client.close();
    }
}
