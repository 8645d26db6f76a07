package io.sightline.query.api.prometheus;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.rules.RuleStatusSource;
import io.sightline.storage.tsdb.Tsdb;

/**
 * Prometheus's HTTP API ({@code /api/v1}) over the TSDB, so that Grafana's Prometheus data source
 * and {@code promtool query} work unchanged: the same paths, parameters, JSON shapes, error types and
 * statuses as Prometheus 3 (see query/README.md for the table and the differences). Register it at
 * {@code /api/v1}, after any other service under that prefix (it answers every other path below
 * it with 404 {@code not_found}), on a listener with {@link #http1Config()}.
 *
 * <p>Query endpoints take GET or POST ({@code application/x-www-form-urlencoded}; body and query
 * string are both read, the body first). Handlers block on the request's virtual thread.
 * Thread-safe.
 */
public final class PrometheusApi implements HttpService {
    private static final String GET_POST = "GET, POST, OPTIONS";
    private static final String GET = "GET, OPTIONS";

    private final PrometheusApiConfig config;
    private final QueryEndpoints queries;
    private final MetadataEndpoints metadata;
    private final StatusEndpoints status;
    private final RuleEndpoints rules;

    /**
     * @param tsdb         what is queried (samples, exemplars, metadata, statistics)
     * @param engineConfig the PromQL engine's limits; its timeout is the default and cap of a
     *                     request's {@code timeout}
     * @param config       this API's own bounds
     * @param buildInfo    what {@code /status/buildinfo} reports
     * @param clock        "now" for {@code /query} without {@code time}; the start time in runtime info
     */
    public PrometheusApi(Tsdb tsdb, EngineConfig engineConfig, PrometheusApiConfig config, BuildInfo buildInfo,
                         InstantSource clock) {
        this(tsdb, engineConfig, config, buildInfo, clock, System::nanoTime);
    }

    /** As above, with the nanosecond clock that times queries out (tests pass a manual one); no rules. */
    public PrometheusApi(Tsdb tsdb, EngineConfig engineConfig, PrometheusApiConfig config, BuildInfo buildInfo,
                         InstantSource clock, LongSupplier nanoClock) {
        this(tsdb, engineConfig, config, buildInfo, clock, nanoClock, RuleStatusSource.EMPTY);
    }

    /**
     * As above, with the rules {@code /rules} and {@code /alerts} report (the appliance passes its
     * {@code RuleEvaluator}; {@link RuleStatusSource#EMPTY} answers no groups and no alerts).
     */
    public PrometheusApi(Tsdb tsdb, EngineConfig engineConfig, PrometheusApiConfig config, BuildInfo buildInfo,
                         InstantSource clock, LongSupplier nanoClock, RuleStatusSource rules) {
        Objects.requireNonNull(tsdb, "tsdb");
        Objects.requireNonNull(engineConfig, "engineConfig");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(buildInfo, "buildInfo");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoClock, "nanoClock");
        this.queries = new QueryEndpoints(tsdb, tsdb, engineConfig, nanoClock, clock);
        this.metadata = new MetadataEndpoints(tsdb, tsdb, config);
        this.status = new StatusEndpoints(tsdb, engineConfig, buildInfo, clock);
        this.rules = new RuleEndpoints(Objects.requireNonNull(rules, "rules"));
    }

    /**
     * The HTTP/1 settings of a listener serving this API so that it takes what Prometheus (Go's
     * server) takes: raw {@code [} and {@code ]} in query strings, as {@code curl -g
     * '.../series?match[]=up'} and browsers send them. Helidon's request-line validation refuses them
     * with an empty 400; this turns that validation off (see query/README.md, "Why").
     */
    public static Http1Config http1Config() {
        return Http1Config.builder().validatePrologue(false).build();
    }

    @Override
    public void routing(HttpRules rules) {
        // Prometheus answers OPTIONS on every API path with an empty 204 (CORS preflight).
        rules.options((request, response) -> response.status(Status.NO_CONTENT_204).send());
        getOrPost(rules, "/query", queries::query);
        getOrPost(rules, "/query_range", queries::queryRange);
        getOrPost(rules, "/query_exemplars", queries::queryExemplars);
        getOrPost(rules, "/format_query", queries::formatQuery);
        getOrPost(rules, "/series", metadata::series);
        getOrPost(rules, "/labels", metadata::labelNames);
        get(rules, "/label/{name}/values", (p, request) -> metadata.labelValues(rawName(request), p));
        get(rules, "/metadata", metadata::metadata);
        get(rules, "/targets", status::targets);
        get(rules, "/rules", this.rules::rules);
        get(rules, "/alerts", this.rules::alerts);
        get(rules, "/status/buildinfo", status::buildInfo);
        get(rules, "/status/runtimeinfo", status::runtimeInfo);
        get(rules, "/status/flags", status::flags);
        get(rules, "/status/config", status::config);
        get(rules, "/status/tsdb", status::tsdbStatus);
        rules.any((request, response) -> PromResponses.error(response, Status.NOT_FOUND_404,
                ApiError.Type.NOT_FOUND.apiName, "unknown API endpoint " + request.path().absolute().path()));
    }

    /** An endpoint: parameters in, answer out; failures are thrown and mapped by {@link PromResponses}. */
    @FunctionalInterface
    private interface Endpoint {
        Answer answer(RequestParameters parameters, ServerRequest request);
    }

    @FunctionalInterface
    private interface SimpleEndpoint {
        Answer answer(RequestParameters parameters);
    }

    private void getOrPost(HttpRules rules, String path, SimpleEndpoint endpoint) {
        Handler handler = handler((p, request) -> endpoint.answer(p));
        rules.get(path, handler).post(path, handler).any(path, methodNotAllowed(GET_POST));
    }

    private void get(HttpRules rules, String path, SimpleEndpoint endpoint) {
        get(rules, path, (Endpoint) (p, request) -> endpoint.answer(p));
    }

    private void get(HttpRules rules, String path, Endpoint endpoint) {
        rules.get(path, handler(endpoint)).any(path, methodNotAllowed(GET));
    }

    private Handler handler(Endpoint endpoint) {
        return (request, response) -> {
            Answer answer;
            try {
                answer = endpoint.answer(RequestParameters.read(request, config.maxFormBytes()), request);
            } catch (RuntimeException e) {
                PromResponses.failure(response, e);
                return;
            }
            PromResponses.success(response, answer);
        };
    }

    private static Handler methodNotAllowed(String allowed) {
        return (request, response) -> {
            response.header(HeaderNames.ALLOW, allowed);
            PromResponses.error(response, Status.METHOD_NOT_ALLOWED_405, ApiError.Type.BAD_DATA.apiName,
                    "method " + request.prologue().method().text() + " not allowed on " + request.path().absolute().path());
        };
    }

    /** The still percent-encoded {@code <label_name>} of {@code .../label/<label_name>/values}. */
    private static String rawName(ServerRequest request) {
        // The routed path relative to the service is already decoded; the absolute one is not.
        String raw = request.path().absolute().rawPath();
        String withoutValues = raw.substring(0, raw.lastIndexOf("/values"));
        return withoutValues.substring(withoutValues.lastIndexOf('/') + 1);
    }
}
