package io.sightline.query.api.jaeger;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.api.GoForm;
import io.sightline.query.traces.DependencySource;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearchException;
import io.sightline.storage.traces.TraceSummary;

/**
 * Jaeger's query HTTP API, so that Jaeger UI and Grafana's Jaeger data source read Sightline's
 * traces: the paths, parameters, JSON model and error bodies of Jaeger's query service (see
 * query/README.md). Register it at {@code /api} (after more specific services such as
 * {@code /api/v1}); it answers other paths below with Jaeger's {@code 404 page not found}.
 *
 * <p>{@code /services}, {@code /services/{service}/operations}, {@code /operations},
 * {@code /traces}, {@code /traces/{traceID}}, {@code /dependencies}; GET only. Handlers block on
 * the request's virtual thread. Thread-safe.
 */
public final class JaegerApi implements HttpService {
    private final TraceQuerier traces;
    private final DependencySource dependencies;
    private final JaegerApiConfig config;
    private final InstantSource clock;

    /**
     * @param traces       the trace store's read side
     * @param dependencies service-to-service calls for {@code /dependencies}
     * @param config       defaults and bounds
     * @param clock        "now" for default times
     */
    public JaegerApi(TraceQuerier traces, DependencySource dependencies, JaegerApiConfig config, InstantSource clock) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void routing(HttpRules rules) {
        get(rules, "/services", (form, request, response) -> {
            List<String> services = traces.services(0, Long.MAX_VALUE);
            JaegerResponses.success(response, services.size(), json -> strings(json, services));
        });
        get(rules, "/services/{service}/operations", (form, request, response) -> {
            String service = request.path().pathParameters().get("service");
            List<String> names = traces.operations(service, 0, Long.MAX_VALUE).stream()
                    .map(TraceQuerier.Operation::name).distinct().toList();
            JaegerResponses.success(response, names.size(), json -> strings(json, names));
        });
        get(rules, "/operations", (form, request, response) -> {
            String service = form.first("service");
            if (service.isEmpty()) {
                throw new BadRequestException("parameter 'service' is required");
            }
            String spanKind = form.first("spanKind");
            List<TraceQuerier.Operation> operations = traces.operations(service, 0, Long.MAX_VALUE).stream()
                    .filter(o -> spanKind.isEmpty() || JaegerJson.spanKind(o.kind()).equals(spanKind)).toList();
            JaegerResponses.success(response, operations.size(), json -> {
                json.beginArray();
                for (TraceQuerier.Operation o : operations) {
                    json.beginObject().name("name").value(o.name()).name("spanKind").value(JaegerJson.spanKind(o.kind()))
                            .endObject();
                }
                json.endArray();
            });
        });
        get(rules, "/traces", (form, request, response) -> search(form, response));
        get(rules, "/traces/{traceID}", (form, request, response) -> {
            String id = JaegerParameters.traceId(request.path().pathParameters().get("traceID"));
            long start = JaegerParameters.time(form, "start", 0);
            long end = JaegerParameters.time(form, "end", -1);
            List<SpanRecord> spans = traces.trace(id, start * 1_000, end < 0 ? Long.MAX_VALUE : end * 1_000 + 1_000);
            if (spans.isEmpty()) {
                JaegerResponses.error(response, Status.NOT_FOUND_404, "trace not found");
                return;
            }
            JaegerResponses.success(response, 0, json -> {
                json.beginArray();
                JaegerJson.trace(json, id, spans);
                json.endArray();
            });
        });
        get(rules, "/dependencies", (form, request, response) -> {
            long endMillis = form.first("endTs").isEmpty() ? clock.millis() : JaegerParameters.time(form, "endTs", 0);
            Duration lookback = config.dependencyLookback();
            if (!form.first("lookback").isEmpty()) {
                try {
                    lookback = Duration.ofMillis(JaegerParameters.parseInt(form.first("lookback"), 64));
                } catch (BadRequestException e) {
                    throw new BadRequestException("unable to parse param 'lookback': " + e.getMessage());
                }
                if (!lookback.isPositive()) {
                    throw new BadRequestException("unable to parse param 'lookback': must be positive");
                }
            }
            String service = form.first("service");
            List<DependencySource.DependencyLink> links = dependencies.dependencies(endMillis, lookback).stream()
                    .filter(l -> service.isEmpty() || l.parent().equals(service) || l.child().equals(service))
                    .toList();
            JaegerResponses.success(response, 0, json -> {
                json.beginArray();
                for (DependencySource.DependencyLink link : links) {
                    json.beginObject().name("parent").value(link.parent()).name("child").value(link.child())
                            .name("callCount").value(link.callCount()).endObject();
                }
                json.endArray();
            });
        });
        // Jaeger's router (gorilla/mux) answers unknown paths with Go's plain-text 404.
        rules.any((request, response) -> {
            response.status(Status.NOT_FOUND_404);
            response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.send("404 page not found\n");
        });
    }

    private void search(GoForm form, ServerResponse response) throws IOException {
        JaegerParameters.Search search = JaegerParameters.search(form, config, clock);
        List<List<SpanRecord>> found = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        if (!search.traceIds().isEmpty()) {
            for (String id : search.traceIds()) {
                List<SpanRecord> spans = traces.trace(id, 0, Long.MAX_VALUE);
                if (!spans.isEmpty()) {
                    found.add(spans);
                    ids.add(id);
                }
            }
        } else {
            for (TraceSummary summary : traces.search(search.search())) {
                List<SpanRecord> spans = traces.trace(summary.traceId(), summary.startNanos(),
                        summary.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : summary.endNanos() + 1);
                if (!spans.isEmpty()) {
                    found.add(spans);
                    ids.add(summary.traceId());
                }
            }
        }
        JaegerResponses.success(response, 0, json -> {
            json.beginArray();
            for (int i = 0; i < found.size(); i++) {
                JaegerJson.trace(json, ids.get(i), found.get(i));
            }
            json.endArray();
        });
    }

    private static void strings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }

    @FunctionalInterface
    private interface Endpoint {
        void answer(GoForm form, ServerRequest request, ServerResponse response) throws Exception;
    }

    private void get(HttpRules rules, String path, Endpoint endpoint) {
        Handler handler = (request, response) -> {
            try {
                GoForm form;
                try {
                    form = GoForm.read(request, config.maxFormBytes());
                } catch (GoForm.FormException e) {
                    throw new BadRequestException(e.getMessage());
                }
                endpoint.answer(form, request, response);
            } catch (BadRequestException e) {
                JaegerResponses.error(response, Status.BAD_REQUEST_400, e.getMessage());
            } catch (TraceSearchException e) {
                JaegerResponses.error(response, Status.SERVICE_UNAVAILABLE_503, e.getMessage());
            } catch (RuntimeException e) {
                if (response.isSent()) {
                    throw e;
                }
                JaegerResponses.failure(response, e);
            }
        };
        rules.get(path, handler);
        rules.any(path, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405).send());
    }
}
