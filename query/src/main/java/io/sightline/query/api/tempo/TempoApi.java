package io.sightline.query.api.tempo;

import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

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
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.traces.TraceqlEngine;
import io.sightline.query.traces.traceql.TraceqlParseException;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearch;
import io.sightline.storage.traces.TraceSearchException;

/**
 * A subset of Tempo's HTTP API, enough for Grafana's Tempo data source (search, TraceQL, trace view,
 * tag autocompletion). Its paths begin {@code /api/...} as Tempo's do, and Jaeger's API owns
 * {@code /api/traces/<id>} with another shape, so this service is registered under its own prefix,
 * {@code /tempo}: Grafana's Tempo data source then takes {@code http://host:port/tempo} as its URL.
 * See query/README.md for the endpoints. GET only. Thread-safe.
 */
public final class TempoApi implements HttpService {
    private static final List<String> INTRINSICS = List.of("duration", "kind", "name", "status");
    private static final List<String> STATUSES = List.of("error", "ok", "unset");
    private static final List<String> KINDS = List.of("client", "consumer", "internal", "producer", "server", "unspecified");

    private final TraceQuerier traces;
    private final TempoApiConfig config;
    private final BuildInfo buildInfo;
    private final InstantSource clock;
    private final TempoSearch search;

    /**
     * @param traces    the trace store's read side (trace by id, tags, legacy tag search)
     * @param engine    TraceQL searches
     * @param config    defaults and bounds
     * @param buildInfo what {@code /api/status/buildinfo} reports: the Tempo version whose API this
     *                  follows (Grafana reads it to choose features), e.g. {@code 2.7.0}
     * @param clock     "now" for default ranges
     */
    public TempoApi(TraceQuerier traces, TraceqlEngine engine, TempoApiConfig config, BuildInfo buildInfo,
                    InstantSource clock) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.config = Objects.requireNonNull(config, "config");
        this.buildInfo = Objects.requireNonNull(buildInfo, "buildInfo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.search = new TempoSearch(traces, Objects.requireNonNull(engine, "engine"), config, clock);
    }

    @Override
    public void routing(HttpRules rules) {
        get(rules, "/api/echo", (form, request, response) -> TempoResponses.text(response, Status.OK_200, "echo"));
        get(rules, "/api/status/buildinfo", (form, request, response) -> TempoResponses.json(response, json ->
                json.beginObject()
                        .name("version").value(buildInfo.version())
                        .name("revision").value(buildInfo.revision())
                        .name("branch").value(buildInfo.branch())
                        .name("buildUser").value(buildInfo.buildUser())
                        .name("buildDate").value(buildInfo.buildDate())
                        .name("goVersion").value(buildInfo.goVersion())
                        .endObject()));
        get(rules, "/api/search", (form, request, response) -> TempoResponses.json(response, search.search(form)));
        get(rules, "/api/search/tags", (form, request, response) -> {
            long[] range = TempoSearch.range(form, clock, config.searchLookback());
            String scope = form.first("scope");
            TreeSet<String> names = new TreeSet<>();
            if (scope.isEmpty() || scope.equals("all") || scope.equals("span")) {
                names.addAll(traces.attributeKeys(TraceSearch.Scope.SPAN, range[0], range[1]));
            }
            if (scope.isEmpty() || scope.equals("all") || scope.equals("resource")) {
                names.addAll(traces.attributeKeys(TraceSearch.Scope.RESOURCE, range[0], range[1]));
            }
            if (scope.equals("intrinsic")) {
                names.addAll(INTRINSICS);
            }
            TempoResponses.json(response, json -> {
                json.beginObject().name("tagNames");
                strings(json, List.copyOf(names));
                json.endObject();
            });
        });
        get(rules, "/api/v2/search/tags", (form, request, response) -> {
            long[] range = TempoSearch.range(form, clock, config.searchLookback());
            String scope = form.first("scope");
            TempoResponses.json(response, json -> {
                json.beginObject().name("scopes").beginArray();
                for (String name : List.of("span", "resource", "intrinsic")) {
                    if (!scope.isEmpty() && !scope.equals("all") && !scope.equals(name)) {
                        continue;
                    }
                    json.beginObject().name("name").value(name).name("tags");
                    strings(json, switch (name) {
                        case "span" -> traces.attributeKeys(TraceSearch.Scope.SPAN, range[0], range[1]);
                        case "resource" -> traces.attributeKeys(TraceSearch.Scope.RESOURCE, range[0], range[1]);
                        default -> INTRINSICS;
                    });
                    json.endObject();
                }
                json.endArray().endObject();
            });
        });
        get(rules, "/api/search/tag/{tag}/values", (form, request, response) -> {
            long[] range = TempoSearch.range(form, clock, config.searchLookback());
            String tag = request.path().pathParameters().get("tag");
            List<String> values = traces.attributeValues(TraceSearch.Scope.ANY, tag, range[0], range[1], config.maxTagValues());
            TempoResponses.json(response, json -> {
                json.beginObject().name("tagValues");
                strings(json, values);
                json.endObject();
            });
        });
        get(rules, "/api/v2/search/tag/{tag}/values", (form, request, response) -> {
            long[] range = TempoSearch.range(form, clock, config.searchLookback());
            List<String[]> typed = typedValues(request.path().pathParameters().get("tag"), range);
            TempoResponses.json(response, json -> {
                json.beginObject().name("tagValues").beginArray();
                for (String[] v : typed) {
                    json.beginObject().name("type").value(v[0]).name("value").value(v[1]).endObject();
                }
                json.endArray().endObject();
            });
        });
        get(rules, "/api/traces/{traceID}", (form, request, response) -> traceById(request, response, false));
        get(rules, "/api/v2/traces/{traceID}", (form, request, response) -> traceById(request, response, true));
        rules.any((request, response) -> TempoResponses.text(response, Status.NOT_FOUND_404, "404 page not found"));
    }

    private void traceById(ServerRequest request, ServerResponse response, boolean v2) throws IOException {
        String id = traceId(request.path().pathParameters().get("traceID"));
        List<SpanRecord> spans = traces.trace(id, 0, Long.MAX_VALUE);
        if (spans.isEmpty()) {
            TempoResponses.text(response, Status.NOT_FOUND_404, "trace not found");
            return;
        }
        boolean protobuf = request.headers().value(HeaderNames.ACCEPT)
                .map(a -> a.toLowerCase(Locale.ROOT).contains("application/protobuf")).orElse(false);
        if (protobuf) {
            TempoResponses.protobuf(response, v2 ? OtlpProtobuf.traceByIdResponse(spans) : OtlpProtobuf.trace(spans));
        } else if (v2) {
            TempoResponses.json(response, json -> {
                json.beginObject().name("trace").beginObject();
                OtlpJson.resourceSpans(json, "resourceSpans", spans);
                json.endObject().endObject();
            });
        } else {
            TempoResponses.json(response, json -> {
                json.beginObject();
                OtlpJson.resourceSpans(json, "batches", spans);
                json.endObject();
            });
        }
    }

    /** Values of a TraceQL attribute ({@code span.x}, {@code resource.x}, {@code .x}) or intrinsic, typed. */
    private List<String[]> typedValues(String tag, long[] range) {
        List<String[]> out = new ArrayList<>();
        switch (tag) {
            case "status" -> STATUSES.forEach(s -> out.add(new String[] {"keyword", s}));
            case "kind" -> KINDS.forEach(k -> out.add(new String[] {"keyword", k}));
            case "name" -> {
                TreeSet<String> names = new TreeSet<>();
                for (String service : traces.services(range[0], range[1])) {
                    traces.operations(service, range[0], range[1]).forEach(o -> names.add(o.name()));
                }
                names.stream().limit(config.maxTagValues()).forEach(n -> out.add(new String[] {"string", n}));
            }
            default -> {
                TraceSearch.Scope scope;
                String key;
                if (tag.startsWith("span.")) {
                    scope = TraceSearch.Scope.SPAN;
                    key = tag.substring(5);
                } else if (tag.startsWith("resource.")) {
                    scope = TraceSearch.Scope.RESOURCE;
                    key = tag.substring(9);
                } else if (tag.startsWith(".")) {
                    scope = TraceSearch.Scope.ANY;
                    key = tag.substring(1);
                } else {
                    throw new BadRequestException("unsupported tag " + tag
                            + " (span.x, resource.x, .x, name, status or kind)");
                }
                for (String value : traces.attributeValues(scope, key, range[0], range[1], config.maxTagValues())) {
                    out.add(new String[] {type(value), value});
                }
            }
        }
        return out;
    }

    /** The TraceQL type a value's text reads as. */
    static String type(String value) {
        if (value.equals("true") || value.equals("false")) {
            return "bool";
        }
        if (value.matches("-?\\d{1,18}")) {
            return "int";
        }
        if (value.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?|-?\\d+[eE][-+]?\\d+")) {
            return "float";
        }
        return "string";
    }

    static String traceId(String text) {
        if (text.isEmpty() || text.length() > 32 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new BadRequestException("invalid trace id " + text + ": up to 32 hex digits expected");
        }
        return "0".repeat(32 - text.length()) + text.toLowerCase(Locale.ROOT);
    }

    private static void strings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String v : values) {
            json.value(v);
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
            } catch (BadRequestException | TraceqlParseException e) {
                TempoResponses.text(response, Status.BAD_REQUEST_400, e.getMessage());
            } catch (TraceSearchException e) {
                TempoResponses.text(response, Status.SERVICE_UNAVAILABLE_503, e.getMessage());
            } catch (RuntimeException e) {
                if (response.isSent()) {
                    throw e;
                }
                TempoResponses.failure(response, e);
            }
        };
        rules.get(path, handler);
        rules.any(path, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405).send());
    }
}
