package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.ui.Html;
import io.sightline.ui.TimeRange;
import io.sightline.ui.UiSources;

/**
 * {@code /map}: the service graph over the range as inline SVG drawn by the template from
 * {@link MapLayout}'s coordinates (names only through {@code th:text}), each edge labelled with its
 * rate, error % and p95, nodes and edges coloured by {@link Health}; the same edges as a table below.
 */
public final class MapPage implements HttpService {
    private static final int LABEL_CHARS = 28;

    private final UiSources sources;
    private final MetricReader reader;
    private final EdgeReader edges;

    public MapPage(UiSources sources) {
        this.sources = sources;
        this.reader = new MetricReader(new PromqlEngine(sources.promql()), sources.metrics());
        this.edges = new EdgeReader(reader);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/map", this::page);
    }

    public record NodeView(String name, String label, String link, int x, int y, int width, int height, String health,
                           String figures) {
    }

    public record EdgeView(String client, String server, String clientLink, String serverLink, String path, int labelX,
                           int labelY, String rate, String errors, String p95, String health, String label) {
    }

    private void page(ServerRequest request, ServerResponse response) {
        Map<String, Object> model = Html.model(request, sources.clock(), "Service map", "Service map", Map.of());
        TimeRange range = (TimeRange) model.get("range");
        String rangeQuery = (String) model.get("rangeQuery");
        Status status = Status.OK_200;
        try {
            long window = RedQueries.rangeSeconds(range.durationMs());
            List<Edge> all = edges.edges(range.endMs(), window);
            Map<String, ServiceRed> red = ServiceRed.read(reader, range.endMs(), window);
            draw(model, all, red, rangeQuery);
        } catch (PromqlException e) {
            status = Status.INTERNAL_SERVER_ERROR_500;
            model.put("error", "cannot read the service graph: " + e.getMessage());
            draw(model, List.of(), Map.of(), rangeQuery);
        }
        Html.send(request, response, status, "map", model);
    }

    private static void draw(Map<String, Object> model, List<Edge> all, Map<String, ServiceRed> red, String rangeQuery) {
        List<String[]> pairs = all.stream().map(e -> new String[] {e.client(), e.server()}).toList();
        MapLayout.Drawing drawing = MapLayout.layout(pairs, red.keySet());
        List<NodeView> nodes = new ArrayList<>();
        for (MapLayout.Node node : drawing.nodes()) {
            ServiceRed figures = red.get(node.name());
            String label = node.name().length() > LABEL_CHARS ? node.name().substring(0, LABEL_CHARS - 1) + "…" : node.name();
            nodes.add(new NodeView(node.name(), label, ServiceLinks.service(node.name(), rangeQuery), node.x(), node.y(),
                    MapLayout.NODE_WIDTH, MapLayout.NODE_HEIGHT, figures == null ? Health.IDLE.css() : figures.health().css(),
                    figures == null ? "no server spans" : Figures.rate(figures.rate()) + " · " + Figures.percent(figures.errorRatio())
                            + " · p95 " + Figures.seconds(figures.p95Seconds())));
        }
        Map<String, Edge> byPair = new HashMap<>();
        all.forEach(e -> byPair.put(e.client() + MetricReader.SEPARATOR + e.server(), e));
        List<EdgeView> views = new ArrayList<>();
        for (MapLayout.Link link : drawing.links()) {
            Edge edge = byPair.get(link.client() + MetricReader.SEPARATOR + link.server());
            String rate = Figures.rate(edge.rate());
            String errors = Figures.percent(edge.errorRatio());
            String p95 = Figures.seconds(edge.p95Seconds());
            views.add(new EdgeView(edge.client(), edge.server(), ServiceLinks.service(edge.client(), rangeQuery),
                    ServiceLinks.service(edge.server(), rangeQuery), link.path(), link.labelX(), link.labelY(), rate, errors,
                    p95, edge.health().css(), rate + " · " + errors + " · " + p95));
        }
        model.put("width", drawing.width());
        model.put("height", drawing.height());
        model.put("nodes", nodes);
        model.put("edges", views);
        model.put("thresholds", "ok, warn at " + Figures.percent(Health.WARN_ERROR_RATIO) + " errors or p95 "
                + Figures.seconds(Health.WARN_P95_SECONDS) + ", bad at " + Figures.percent(Health.BAD_ERROR_RATIO)
                + " errors or p95 " + Figures.seconds(Health.BAD_P95_SECONDS));
    }
}
