package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.ApiTimes;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.QueryValue;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogSearch;
import io.sightline.storage.traces.TraceSearch;
import io.sightline.storage.traces.TraceSummary;
import io.sightline.ui.Html;
import io.sightline.ui.TimeRange;
import io.sightline.ui.UiSources;

/**
 * {@code /services/{name}}: one service over the range: RED charts (rate, error %, p50/p95/p99) of
 * its server spans, its operations ranked by impact (time spent: rate × mean latency), its recent
 * error logs, its slowest traces, and its callers and callees from the service graph.
 */
public final class ServicePage implements HttpService {
    static final int CHART_POINTS = 120;
    private static final int ERROR_SEVERITY = 17;

    private final UiSources sources;
    private final ServicePageLimits limits;
    private final MetricReader reader;
    private final EdgeReader edges;

    public ServicePage(UiSources sources, ServicePageLimits limits) {
        this.sources = sources;
        this.limits = limits;
        this.reader = new MetricReader(new PromqlEngine(sources.promql()), sources.metrics());
        this.edges = new EdgeReader(reader);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/services/{name}", this::page);
    }

    /** An operation (span name and kind) of the service. */
    public record OperationRow(String name, String kind, String rate, String mean, String p95, String errors,
                               String impact, double timeSpent) {
    }

    public record ErrorRow(String time, String body, String traceId, String link) {
    }

    public record TraceRow(String traceId, String link, String root, String duration, int spans, int errors, String start) {
    }

    public record PeerRow(String name, String link, String rate, String errors, String p95, String health) {
    }

    private void page(ServerRequest request, ServerResponse response) {
        String service = request.path().pathParameters().get("name");
        Map<String, Object> model = Html.model(request, sources.clock(), service, "Overview", Map.of());
        model.put("path", ServiceLinks.servicePath(service));
        TimeRange range = (TimeRange) model.get("range");
        String rangeQuery = (String) model.get("rangeQuery");
        model.put("service", service);
        model.put("logsLink", ServiceLinks.logs(service, "", rangeQuery));
        Status status = Status.OK_200;
        try {
            charts(model, service, range);
            model.put("operations", operations(service, range));
            List<Edge> all = edges.edges(range.endMs(), RedQueries.rangeSeconds(range.durationMs()));
            model.put("upstream", all.stream().filter(e -> e.server().equals(service))
                    .map(e -> peer(e.client(), e, rangeQuery)).toList());
            model.put("downstream", all.stream().filter(e -> e.client().equals(service))
                    .map(e -> peer(e.server(), e, rangeQuery)).toList());
        } catch (PromqlException e) {
            status = Status.INTERNAL_SERVER_ERROR_500;
            model.put("error", "cannot read span metrics: " + e.getMessage());
        }
        model.putIfAbsent("operations", List.of());
        model.putIfAbsent("upstream", List.of());
        model.putIfAbsent("downstream", List.of());
        try {
            model.put("errors", recentErrors(service, range, rangeQuery));
        } catch (RuntimeException e) {
            model.put("errors", List.of());
            model.put("errorsProblem", "cannot search the logs: " + e.getMessage());
        }
        try {
            model.put("traces", slowestTraces(service, range, rangeQuery));
        } catch (RuntimeException e) {
            model.put("traces", List.of());
            model.put("tracesProblem", "cannot search the traces: " + e.getMessage());
        }
        Html.send(request, response, status, "service", model);
    }

    private void charts(Map<String, Object> model, String service, TimeRange range) {
        long step = range.stepMs(CHART_POINTS);
        long start = range.startMs() / step * step;
        long end = range.endMs();
        long window = RedQueries.chartWindowSeconds(step);
        String by = "service_name";
        String all = RedQueries.rate(RedQueries.CALLS, RedQueries.serverSpansOf(service), by, window);
        String failed = RedQueries.rate(RedQueries.CALLS, RedQueries.serverErrorsOf(service), by, window);
        model.put("rateChart", new ChartJson(start, end, step, "").zoom()
                .add("requests/s", first(reader.rangeByLabel(all, by, start, end, step))).json());
        model.put("errorChart", new ChartJson(start, end, step, "%").zoom()
                .add("errors", first(reader.rangeByLabel("(" + failed + " or " + all + " * 0) / " + all, by, start, end, step)))
                .json());
        ChartJson latency = new ChartJson(start, end, step, "s").zoom();
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            latency.add("p" + Math.round(q * 100), first(reader.rangeByLabel(RedQueries.quantile(q,
                    RedQueries.DURATION_BUCKET, RedQueries.serverSpansOf(service), by, window), by, start, end, step)));
        }
        model.put("latencyChart", latency.json());
    }

    private static QueryValue.MatrixSeries first(Map<String, QueryValue.MatrixSeries> series) {
        return series.values().stream().findFirst().orElse(null);
    }

    List<OperationRow> operations(String service, TimeRange range) {
        long window = RedQueries.rangeSeconds(range.durationMs());
        long end = range.endMs();
        String selector = "service_name=" + RedQueries.literal(service);
        String by = "span_name, span_kind";
        Map<String, Double> calls = reader.byLabels(RedQueries.increase(RedQueries.CALLS, selector, by, window), end,
                "span_name", "span_kind");
        Map<String, Double> errors = reader.byLabels(RedQueries.increase(RedQueries.CALLS,
                selector + ", " + RedQueries.ERROR, by, window), end, "span_name", "span_kind");
        Map<String, Double> time = reader.byLabels(RedQueries.increase(RedQueries.DURATION_SUM, selector, by, window), end,
                "span_name", "span_kind");
        Map<String, Double> p95 = reader.byLabels(RedQueries.quantile(0.95, RedQueries.DURATION_BUCKET, selector, by,
                window), end, "span_name", "span_kind");
        double totalTime = time.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sum();
        List<OperationRow> rows = new ArrayList<>();
        calls.forEach((key, count) -> {
            String[] parts = key.split(MetricReader.SEPARATOR, -1);
            double spent = time.getOrDefault(key, 0.0);
            rows.add(new OperationRow(parts[0], parts[1].replace("SPAN_KIND_", "").toLowerCase(java.util.Locale.ROOT),
                    Figures.rate(count / window), Figures.seconds(count > 0 ? spent / count : Double.NaN),
                    Figures.seconds(p95.getOrDefault(key, Double.NaN)), Figures.count(errors.getOrDefault(key, 0.0)),
                    Figures.percent(totalTime > 0 ? spent / totalTime : Double.NaN), spent));
        });
        rows.sort(Comparator.comparingDouble(OperationRow::timeSpent).reversed().thenComparing(OperationRow::name));
        return rows.subList(0, Math.min(rows.size(), limits.operations()));
    }

    private List<ErrorRow> recentErrors(String service, TimeRange range, String rangeQuery) {
        LogSearch search = new LogSearch(range.startMs() * 1_000_000L, range.endMs() * 1_000_000L + 999_999L,
                Optional.of(service), ERROR_SEVERITY, Optional.empty(), Map.of(), Optional.empty(), limits.recentErrors(),
                Optional.empty(), limits.timeout());
        List<ErrorRow> rows = new ArrayList<>();
        for (LogRecord record : sources.logs().search(search).records()) {
            rows.add(new ErrorRow(ApiTimes.formatNanos(record.effectiveTimeNanos()), record.body(), record.traceId(),
                    ServiceLinks.logs(service, record.traceId(), rangeQuery)));
        }
        return rows;
    }

    /**
     * The slowest traces through the service: the store lists newest first, so rather than reading every
     * trace of the range it is asked only for traces where one of the service's spans lasted at least the
     * service's p95 server latency over the range (from the span metrics), the slow tail, which holds the
     * slowest; when that finds too few (little traffic), for the newest traces without a bound.
     */
    private List<TraceRow> slowestTraces(String service, TimeRange range, String rangeQuery) {
        double p95 = reader.byLabel(RedQueries.quantile(0.95, RedQueries.DURATION_BUCKET, RedQueries.serverSpansOf(service),
                "service_name", RedQueries.rangeSeconds(range.durationMs())), "service_name", range.endMs())
                .values().stream().findFirst().orElse(Double.NaN);
        List<TraceSummary> found = List.of();
        if (Double.isFinite(p95) && p95 > 0) {
            found = sources.traces().search(traceSearch(service, range, java.time.Duration.ofNanos((long) (p95 * 1e9))));
        }
        if (found.size() < limits.slowestTraces()) {
            found = sources.traces().search(traceSearch(service, range, java.time.Duration.ZERO));
        }
        return found.stream()
                .sorted(Comparator.comparingLong(TraceSummary::durationNanos).reversed())
                .limit(limits.slowestTraces())
                .map(t -> new TraceRow(t.traceId(), ServiceLinks.trace(t.traceId(), rangeQuery),
                        t.rootServiceName().isEmpty() ? "(root not received)" : t.rootServiceName() + ": " + t.rootSpanName(),
                        Figures.seconds(t.durationNanos() / 1e9), t.spanCount(), t.errorCount(),
                        ApiTimes.formatNanos(t.startNanos())))
                .toList();
    }

    private TraceSearch traceSearch(String service, TimeRange range, java.time.Duration minSpanDuration) {
        return new TraceSearch(range.startMs() * 1_000_000L, range.endMs() * 1_000_000L + 1, Optional.of(service),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of(), minSpanDuration,
                java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ZERO, limits.traceCandidates(),
                limits.timeout());
    }

    private static PeerRow peer(String name, Edge edge, String rangeQuery) {
        return new PeerRow(name, ServiceLinks.service(name, rangeQuery), Figures.rate(edge.rate()),
                Figures.percent(edge.errorRatio()), Figures.seconds(edge.p95Seconds()), edge.health().css());
    }
}
