package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.rules.ActiveAlert;
import io.sightline.query.rules.AlertState;
import io.sightline.ui.ApplianceStatus;
import io.sightline.ui.Html;
import io.sightline.ui.TimeRange;
import io.sightline.ui.UiSources;

/**
 * {@code /overview}: firing and pending alerts first, then every service with server spans in the
 * range and its RED figures over the range (request rate, error %, p50/p95/p99) with rate and p95
 * sparklines, then ingest health per signal. Numbers are text; the sparklines are extra.
 */
public final class OverviewPage implements HttpService {
    /** Points per sparkline. */
    static final int SPARK_POINTS = 60;

    private final UiSources sources;
    private final MetricReader reader;

    public OverviewPage(UiSources sources) {
        this.sources = sources;
        this.reader = new MetricReader(new PromqlEngine(sources.promql()), sources.metrics());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/overview", this::page);
    }

    /** One row of the services table. */
    /** @param errorsBad whether the error ratio alone is over the bad threshold (the health may be bad for latency) */
    public record ServiceRow(String name, String link, String rate, String errors, boolean errorsBad, String p50,
                             String p95, String p99, String health, String rateChart, String latencyChart) {
    }

    /** One active alert. */
    public record AlertRow(String name, String state, String labels, String summary, String since) {
    }

    /** One signal's ingest health. */
    public record IngestRow(String signal, String itemsPerSecond, String walLag, String disk) {
    }

    private void page(ServerRequest request, ServerResponse response) {
        Map<String, Object> model = Html.model(request, sources.clock(), "Overview", "Overview", Map.of());
        TimeRange range = (TimeRange) model.get("range");
        String rangeQuery = (String) model.get("rangeQuery");
        model.put("alerts", alerts());
        model.put("ingest", ingest(sources.status().ingest()));
        Status status = Status.OK_200;
        try {
            model.put("services", services(range, rangeQuery));
        } catch (PromqlException e) {
            status = Status.INTERNAL_SERVER_ERROR_500;
            model.put("error", "cannot read span metrics: " + e.getMessage());
            model.put("services", List.of());
        }
        Html.send(request, response, status, "overview", model);
    }

    List<ServiceRow> services(TimeRange range, String rangeQuery) {
        long end = range.endMs();
        Map<String, ServiceRed> red = ServiceRed.read(reader, end, RedQueries.rangeSeconds(range.durationMs()));
        long step = range.stepMs(SPARK_POINTS);
        long start = range.startMs() / step * step;
        long chartWindow = RedQueries.chartWindowSeconds(step);
        Map<String, QueryValue.MatrixSeries> rates = reader.rangeByLabel(
                RedQueries.rate(RedQueries.CALLS, RedQueries.SERVER, "service_name", chartWindow), "service_name",
                start, end, step);
        Map<String, QueryValue.MatrixSeries> latencies = reader.rangeByLabel(RedQueries.quantile(0.95,
                RedQueries.DURATION_BUCKET, RedQueries.SERVER, "service_name", chartWindow), "service_name", start, end, step);
        List<ServiceRow> rows = new ArrayList<>();
        red.forEach((service, figures) -> rows.add(new ServiceRow(service, ServiceLinks.service(service, rangeQuery),
                Figures.rate(figures.rate()), Figures.percent(figures.errorRatio()),
                figures.errorRatio() >= Health.BAD_ERROR_RATIO, Figures.seconds(figures.p50Seconds()),
                Figures.seconds(figures.p95Seconds()), Figures.seconds(figures.p99Seconds()), figures.health().css(),
                new ChartJson(start, end, step, "").add("requests/s", rates.get(service)).json(),
                new ChartJson(start, end, step, "s").add("p95", latencies.get(service)).json())));
        return rows;
    }

    private List<AlertRow> alerts() {
        var rules = sources.rules().get();
        if (rules == null) {
            return List.of();
        }
        return rules.alerts().stream()
                .filter(alert -> alert.state() != AlertState.INACTIVE)
                .sorted(Comparator.comparing(ActiveAlert::state).reversed().thenComparingLong(ActiveAlert::activeAtMs))
                .map(OverviewPage::alertRow).toList();
    }

    private static AlertRow alertRow(ActiveAlert alert) {
        StringBuilder labels = new StringBuilder();
        alert.labels().forEach((name, value) -> {
            if (!name.equals("alertname")) {
                labels.append(labels.isEmpty() ? "" : ", ").append(name).append('=').append(value);
            }
        });
        String summary = alert.annotations().has("summary") ? alert.annotations().get("summary")
                : alert.annotations().has("description") ? alert.annotations().get("description") : "";
        long since = alert.state() == AlertState.FIRING && alert.firedAtMs() != ActiveAlert.NONE ? alert.firedAtMs()
                : alert.activeAtMs();
        return new AlertRow(alert.labels().get("alertname"), alert.state().apiName(), labels.toString(), summary,
                java.time.Instant.ofEpochMilli(since).toString());
    }

    static List<IngestRow> ingest(List<ApplianceStatus.SignalHealth> health) {
        return health.stream().map(h -> new IngestRow(h.signal(), Figures.rate(h.itemsPerSecond()),
                Long.toString(h.walLagEntries()), bytes(h.diskBytes()))).toList();
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGTPE";
        int exponent = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(java.util.Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, exponent), units.charAt(exponent - 1));
    }
}
