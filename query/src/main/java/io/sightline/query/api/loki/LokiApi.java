package io.sightline.query.api.loki;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryService;

/**
 * Loki's HTTP query API ({@code /loki/api/v1}), so that Grafana's Loki data source and
 * {@code logcli} work against Sightline unchanged: the same paths, parameters, JSON shapes and error
 * answers as Loki 3 (see query/README.md for the table and the differences). Register it at
 * {@code /loki/api/v1} (it answers every other path below with Loki's 404), on a listener with
 * {@code PrometheusApi.http1Config()} (raw {@code []} in {@code match[]}), and add
 * {@link #tailRouting(String)} to the server for the {@code /tail} WebSocket.
 *
 * <p>Query endpoints take GET or POST ({@code application/x-www-form-urlencoded}; body values first).
 * Handlers block on the request's virtual thread. Thread-safe.
 */
public final class LokiApi implements HttpService {
    static final String TOO_MANY_TAILS = "max concurrent tail requests limit exceeded";

    private final LokiApiConfig config;
    private final BuildInfo buildInfo;
    private final QueryEndpoints queries;
    private final CatalogueEndpoints catalogue;
    private final TailEndpoint tail;

    /**
     * @param service    evaluates {@code /query} and {@code /query_range}, and the tail's look-back
     * @param catalogue  answers labels, series and index statistics
     * @param tailSource live records for {@code /tail}
     * @param tailFilter the LogQL pipeline applied to live records
     * @param config     this API's bounds
     * @param buildInfo  what {@code /status/buildinfo} reports: the Loki version whose API this matches
     *                   (Grafana reads it to choose features), e.g. {@code 3.5.0}
     * @param clock      "now" for default times
     */
    public LokiApi(LogqlQueryService service, LogCatalogue catalogue, LogTailSource tailSource,
                   LogqlTailFilter tailFilter, LokiApiConfig config, BuildInfo buildInfo, InstantSource clock) {
        this(service, catalogue, tailSource, tailFilter, config, buildInfo, clock, System::nanoTime);
    }

    /** As above, with the nanosecond clock that measures the tail's {@code delay_for}. */
    public LokiApi(LogqlQueryService service, LogCatalogue catalogue, LogTailSource tailSource,
                   LogqlTailFilter tailFilter, LokiApiConfig config, BuildInfo buildInfo, InstantSource clock,
                   LongSupplier nanoClock) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.buildInfo = Objects.requireNonNull(buildInfo, "buildInfo");
        this.queries = new QueryEndpoints(service, config, clock);
        this.catalogue = new CatalogueEndpoints(catalogue, clock, queries);
        this.tail = new TailEndpoint(service, Objects.requireNonNull(tailFilter, "tailFilter"),
                Objects.requireNonNull(tailSource, "tailSource"), config, clock, Objects.requireNonNull(nanoClock));
    }

    /**
     * The WebSocket routing of {@code <prefix>/tail}, e.g. {@code tailRouting("/loki/api/v1")}; add it to
     * the server beside the HTTP routing ({@code WebServer.builder().addRouting(api.tailRouting(...))}).
     */
    public WsRouting.Builder tailRouting(String prefix) {
        return WsRouting.builder().endpoint(prefix + "/tail", tail::newSession);
    }

    /** Open {@code /tail} connections (for tests and the appliance's own metrics). */
    public int openTails() {
        return tail.openTails();
    }

    @Override
    public void routing(HttpRules rules) {
        getOrPost(rules, "/query", (form, request, response) -> {
            QueryEndpoints.Evaluated e = queries.query(form);
            boolean categorize = EncodingFlags.categorizeLabels(request.headers());
            LokiResponses.success(response, json -> LokiJson.queryData(json, e.result(), categorize, e.direction()));
        });
        getOrPost(rules, "/query_range", (form, request, response) -> {
            QueryEndpoints.Evaluated e = queries.queryRange(form);
            boolean categorize = EncodingFlags.categorizeLabels(request.headers());
            LokiResponses.success(response, json -> LokiJson.queryData(json, e.result(), categorize, e.direction()));
        });
        getOrPost(rules, "/labels", (form, request, response) -> labels(response, catalogue.labelNames(form)));
        getOrPost(rules, "/label/{name}/values", (form, request, response) ->
                labels(response, catalogue.labelValues(request.path().pathParameters().get("name"), form)));
        getOrPost(rules, "/series", (form, request, response) -> {
            List<Map<String, String>> series = catalogue.series(form);
            LokiResponses.success(response, json -> {
                json.beginArray();
                for (Map<String, String> labels : series) {
                    LokiJson.labels(json, labels);
                }
                json.endArray();
            });
        });
        getOrPost(rules, "/index/stats", (form, request, response) -> {
            LogCatalogue.IndexStats stats = catalogue.indexStats(form);
            LokiResponses.json(response, json -> json.beginObject()
                    .name("streams").value(stats.streams())
                    .name("chunks").value(stats.chunks())
                    .name("bytes").value(stats.bytes())
                    .name("entries").value(stats.entries())
                    .endObject());
        });
        route(rules, "/status/buildinfo", false, (form, request, response) -> LokiResponses.json(response, json ->
                json.beginObject()
                        .name("version").value(buildInfo.version())
                        .name("revision").value(buildInfo.revision())
                        .name("branch").value(buildInfo.branch())
                        .name("buildUser").value(buildInfo.buildUser())
                        .name("buildDate").value(buildInfo.buildDate())
                        .name("goVersion").value(buildInfo.goVersion())
                        .endObject()));
        // Reached when the WebSocket upgrade was refused or not asked for: say why, as Loki does.
        route(rules, "/tail", false, (form, request, response) -> {
            TailRequest.read(form, LokiTimes.nanos(tail.clock), config);
            tail.filter.compile(form.first("query"));
            boolean upgrade = request.headers().contains(HeaderNames.UPGRADE)
                    && request.headers().get(HeaderNames.UPGRADE).get().equalsIgnoreCase("websocket");
            throw new BadRequestException(upgrade ? TOO_MANY_TAILS
                    : "websocket: the client is not using the websocket protocol");
        });
        rules.any((request, response) -> LokiResponses.text(response, Status.NOT_FOUND_404, "404 page not found\n"));
    }

    /** An endpoint: parameters in, answer written; failures are thrown and mapped by {@link LokiResponses}. */
    @FunctionalInterface
    private interface Endpoint {
        void answer(LokiForm form, ServerRequest request, ServerResponse response) throws Exception;
    }

    private static void labels(ServerResponse response, List<String> values) throws java.io.IOException {
        // Loki's LabelResponse omits an empty data member.
        LokiResponses.json(response, json -> {
            json.beginObject();
            json.name("status").value("success");
            if (!values.isEmpty()) {
                json.name("data").beginArray();
                for (String value : values) {
                    json.value(value);
                }
                json.endArray();
            }
            json.endObject();
        });
    }

    private void getOrPost(HttpRules rules, String path, Endpoint endpoint) {
        route(rules, path, true, endpoint);
    }

    private void route(HttpRules rules, String path, boolean post, Endpoint endpoint) {
        Handler handler = handler(endpoint);
        rules.get(path, handler);
        if (post) {
            rules.post(path, handler);
        }
        // Loki's router answers a known path with another method 405 and no body.
        rules.any(path, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405).send());
    }

    private Handler handler(Endpoint endpoint) {
        return (request, response) -> {
            try {
                endpoint.answer(LokiForm.read(request, config.maxFormBytes()), request, response);
            } catch (BadRequestException | LogqlQueryException e) {
                LokiResponses.failure(response, e);
            } catch (RuntimeException e) {
                if (response.isSent()) {
                    throw e;
                }
                LokiResponses.failure(response, e);
            }
        };
    }
}
