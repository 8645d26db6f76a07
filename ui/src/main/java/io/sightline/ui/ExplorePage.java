package io.sightline.ui;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.parser.Selectors;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.QueryResult;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.promql.parser.Durations;
import io.sightline.storage.tsdb.ExemplarQueryable;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.SeriesExemplars;

/**
 * The metrics explorer, {@code /explore?query=...}: a PromQL range query over the shared time range,
 * evaluated on the server with the same engine and limits as {@code /api/v1/query_range}, shown as a
 * chart (with the exemplars of the query's selectors linking to their traces) and a table of each
 * series' latest value. Parameters besides the range: {@code step} (a duration or seconds; default
 * about {@link ExploreLimits#points()} steps), {@code view=chart|table}, {@code stacked=true},
 * {@code all=true} (every value in the table). Errors are Prometheus's words. Works without scripts:
 * the form submits and the table shows; explore.js adds autocompletion.
 */
final class ExplorePage implements HttpService {
    private final Queryable metrics;
    private final EngineConfig engineConfig;
    private final ExploreLimits limits;
    private final InstantSource clock;

    ExplorePage(Queryable metrics, EngineConfig engineConfig, ExploreLimits limits, InstantSource clock) {
        this.metrics = metrics;
        this.engineConfig = engineConfig;
        this.limits = limits;
        this.clock = clock;
    }

    /** Parses this page's template before the first request needs it (with a chart, exemplars and values). */
    static void warmUp() {
        Map<String, Object> model = layoutForWarmUp("Metrics", "/explore");
        model.put("query", "up");
        model.put("step", "");
        model.put("view", "chart");
        model.put("stacked", false);
        model.put("all", true);
        model.put("warnings", List.of());
        model.put("stepSeconds", "1");
        model.put("seriesCount", 1);
        model.put("omitted", 0);
        model.put("rows", List.of(new ExploreChart.Row("up", "1", "", List.of(new ExploreChart.Point("", "1")))));
        model.put("exemplars", List.of(new ExploreChart.ExemplarRow("", "1", "up", "", "")));
        model.put("chart", "{}");
        Pages.warmUp("explore", model);
    }

    /** The layout's variables for a warm-up render, without a request. */
    static Map<String, Object> layoutForWarmUp(String title, String path) {
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("title", title);
        model.put("active", title);
        model.put("nav", Html.NAV);
        model.put("range", TimeRange.lastHour(java.time.Instant.EPOCH));
        model.put("rangeQuery", "");
        model.put("path", path);
        model.put("keep", Map.of());
        model.put("quickChoices", TimeRange.QUICK_CHOICES);
        model.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        return model;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/explore", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        var parameters = request.query();
        String query = parameters.first("query").orElse("").strip();
        String stepText = parameters.first("step").orElse("").strip();
        String view = parameters.first("view").orElse("chart").equals("table") ? "table" : "chart";
        boolean stacked = parameters.first("stacked").map("true"::equals).orElse(false);
        boolean all = parameters.first("all").map("true"::equals).orElse(false);
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("query", query);
        if (!stepText.isEmpty()) {
            keep.put("step", stepText);
        }
        keep.put("view", view);
        if (stacked) {
            keep.put("stacked", "true");
        }
        if (all) {
            keep.put("all", "true");
        }
        Map<String, Object> model = Html.model(request, clock, "Metrics", "Metrics", keep);
        TimeRange range = (TimeRange) model.get("range");
        model.put("query", query);
        model.put("step", stepText);
        model.put("view", view);
        model.put("stacked", stacked);
        model.put("all", all);
        model.put("rows", List.of());
        model.put("exemplars", List.of());
        model.put("warnings", List.of());
        model.put("chart", null);
        model.put("omitted", 0);
        Status status = Status.OK_200;
        if (!query.isEmpty() && !model.containsKey("error")) {
            try {
                evaluate(query, stepText, range, stacked, all, model);
            } catch (PromqlParseException e) {
                status = Status.BAD_REQUEST_400;
                model.put("error", "bad_data: invalid parameter \"query\": " + e.getMessage());
            } catch (PromqlException e) {
                status = e.errorType() == PromqlException.ErrorType.BAD_DATA ? Status.BAD_REQUEST_400
                        : Status.create(422, "Unprocessable Content");
                model.put("error", e.errorType().apiName() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                status = Status.BAD_REQUEST_400;
                model.put("error", "bad_data: " + e.getMessage());
            }
        }
        Html.send(request, response, status, "explore", model);
    }

    private void evaluate(String query, String stepText, TimeRange range, boolean stacked, boolean all,
                          Map<String, Object> model) {
        long stepMs = stepText.isEmpty() ? range.stepMs(limits.points()) : stepMillis(stepText);
        if (stepMs <= 0) {
            throw new IllegalArgumentException("invalid parameter \"step\": zero or negative query resolution step "
                    + "widths are not accepted. Try a positive integer");
        }
        // The range as it is, as Prometheus's own UI sends it: aligning the end down to a multiple of the step
        // would cut off a sample written within the last step (an alert's link ends where the alert fired).
        long start = range.startMs();
        long end = range.endMs();
        QueryResult result = new PromqlEngine(engineConfig).rangeQuery(metrics, query, start, end, stepMs);
        List<QueryValue.MatrixSeries> matrix = ((QueryValue.Matrix) result.value()).series();
        int omitted = Math.max(0, matrix.size() - limits.maxSeries());
        if (omitted > 0) {
            matrix = matrix.subList(0, limits.maxSeries());
        }
        List<SeriesExemplars> exemplars = metrics instanceof ExemplarQueryable store
                ? store.exemplars(start, end, Selectors.of(PromqlEngine.parse(query))) : List.of();
        model.put("stepSeconds", ExploreChart.number(stepMs / 1000.0));
        model.put("seriesCount", matrix.size() + omitted);
        model.put("omitted", omitted);
        model.put("warnings", result.warnings());
        model.put("rows", ExploreChart.rows(matrix, all ? limits.maxTableValues() : 0));
        model.put("exemplars", ExploreChart.exemplarRows(exemplars, limits.maxExemplars()));
        model.put("chart", ExploreChart.json(matrix, exemplars, start, end, stepMs, stacked));
    }

    /** A step as {@code /api/v1/query_range} reads it: seconds (a float) or a Prometheus duration. */
    static long stepMillis(String text) {
        try {
            if (!text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
                return Math.round(Double.parseDouble(text) * 1000);
            }
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid parameter \"step\": cannot parse \"" + text
                    + "\" to a valid duration");
        }
    }
}
