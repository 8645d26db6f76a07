package io.sightline.sample.services;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Registers a service's business endpoints wrapped in its server-side instrumentation: the W3C
 * trace context is extracted from the request headers, a SERVER span named {@code METHOD route}
 * wraps the work, the service's own faults are applied inside it, and the answer is recorded in
 * {@code http.server.request.duration} and one log record. Thread-safe.
 */
final class InstrumentedRoutes {
    /** Reads propagation headers from Helidon's request headers. */
    private static final TextMapGetter<ServerRequestHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequestHeaders carrier) {
            return carrier.stream().map(header -> header.name()).toList();
        }

        @Override
        public String get(ServerRequestHeaders carrier, String key) {
            return carrier == null ? null : carrier.first(HeaderNames.create(key)).orElse(null);
        }
    };

    private final ServiceTelemetry telemetry;
    private final HttpInstruments instruments;
    private final FaultState faults;
    private final RequestLog log;

    InstrumentedRoutes(ServiceTelemetry telemetry, HttpInstruments instruments, FaultState faults, RequestLog log) {
        this.telemetry = telemetry;
        this.instruments = instruments;
        this.faults = faults;
        this.log = log;
    }

    InstrumentedRoutes get(HttpRules rules, String route, RouteHandler handler) {
        rules.get(route, instrumented("GET", route, handler));
        return this;
    }

    InstrumentedRoutes post(HttpRules rules, String route, RouteHandler handler) {
        rules.post(route, instrumented("POST", route, handler));
        return this;
    }

    private Handler instrumented(String method, String route, RouteHandler handler) {
        return (request, response) -> handle(method, route, handler, request, response);
    }

    private void handle(String method, String route, RouteHandler handler, ServerRequest request,
                        ServerResponse response) {
        long start = System.nanoTime();
        Context parent = telemetry.propagator().extract(Context.root(), request.headers(), HEADERS);
        var uri = request.requestedUri();
        String path = request.path().rawPath();
        Span span = telemetry.tracer().spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("http.route", route)
                .setAttribute("url.path", path)
                .setAttribute("url.scheme", uri.scheme())
                .setAttribute("server.address", uri.host())
                .setAttribute("server.port", (long) uri.port())
                .setAttribute("network.protocol.version", "1.1")
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Reply reply;
            RuntimeException failure = null;
            try {
                faults.beforeRequest();
                reply = handler.handle(request);
            } catch (BadRequestException e) {
                reply = Reply.error(400, e.getMessage());
            } catch (RuntimeException e) {
                failure = e;
                span.recordException(e);
                reply = Reply.error(500, e.getMessage());
            }
            int status = reply.status();
            span.setAttribute("http.response.status_code", (long) status);
            String errorType = null;
            if (status >= 500) {
                // The semantic conventions allow the status code or the exception's type; the
                // type tells an injected fault from a failing dependency.
                errorType = failure != null ? failure.getClass().getName() : Integer.toString(status);
                span.setAttribute("error.type", errorType);
                span.setStatus(StatusCode.ERROR, failure != null ? failure.getMessage() : "HTTP " + status);
            }
            try {
                response.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(reply.json());
            } finally {
                double seconds = HttpInstruments.seconds(start, System.nanoTime());
                AttributesBuilder attributes = Attributes.builder()
                        .put("http.request.method", method)
                        .put("http.route", route)
                        .put("url.scheme", uri.scheme())
                        .put("http.response.status_code", (long) status);
                if (errorType != null) {
                    attributes.put("error.type", errorType);
                }
                instruments.serverDuration().record(seconds, attributes.build());
                log.request(method, route, path, status, seconds, failure);
            }
        } finally {
            span.end();
        }
    }
}
