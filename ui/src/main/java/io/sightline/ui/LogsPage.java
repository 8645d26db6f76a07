package io.sightline.ui;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.logs.LogSearchParameters;
import io.sightline.storage.logs.LogPage;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.logs.LogSearch;

/**
 * The logs page: a search form (text, service, lowest severity) and the matching records in the
 * shared time range ({@link TimeRange}), newest first, rendered on the server. It takes the same
 * parameters as {@code /api/v1/logs/search}; {@code start}/{@code end} override the range.
 */
public final class LogsPage implements HttpService {
    private final LogQuerier logs;
    private final LogSearchParameters parameters;
    private final InstantSource clock;

    public LogsPage(LogQuerier logs, LogSearchParameters parameters, InstantSource clock) {
        this.logs = logs;
        this.parameters = parameters;
        this.clock = clock;
    }

    /** Loads the template engine and this page's template before the first request needs them. */
    public static void warmUp() {
        Map<String, Object> empty = new HashMap<>();
        empty.put("title", "Logs");
        empty.put("nav", Html.NAV);
        empty.put("range", TimeRange.lastHour(java.time.Instant.EPOCH));
        empty.put("rangeQuery", "");
        empty.put("path", "/logs");
        empty.put("keep", Map.of());
        empty.put("quickChoices", TimeRange.QUICK_CHOICES);
        empty.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        empty.put("q", "");
        empty.put("service", "");
        empty.put("minSeverity", "");
        empty.put("rows", List.of());
        empty.put("total", 0);
        Pages.warmUp("logs", empty);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/logs", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        var query = request.query();
        Map<String, List<String>> values = new HashMap<>(query.toMap());
        Map<String, String> keep = new LinkedHashMap<>();
        for (String name : List.of("q", "service", "min_severity", "trace_id")) {
            query.first(name).ifPresent(value -> keep.put(name, value));
        }
        Map<String, Object> model = Html.model(request, clock, "Logs", "Logs", keep);
        TimeRange range = (TimeRange) model.get("range");
        values.remove("from");
        values.remove("to");
        values.remove("refresh");
        values.putIfAbsent("start", List.of(Long.toString(range.startMs() / 1000)));
        values.putIfAbsent("end", List.of(Long.toString((range.endMs() + 999) / 1000)));
        model.put("q", query.first("q").orElse(""));
        model.put("service", query.first("service").orElse(""));
        model.put("minSeverity", query.first("min_severity").orElse(""));
        Status status = Status.OK_200;
        try {
            LogSearch search = parameters.parse(values.keySet(), values::get);
            LogPage page = logs.search(search);
            model.put("rows", page.records().stream().map(LogRow::of).toList());
            model.put("total", page.scanned());
            model.put("next", page.nextCursor().map(cursor -> nextLink(values, cursor)).orElse(null));
        } catch (BadRequestException | IllegalArgumentException e) {
            status = Status.BAD_REQUEST_400;
            model.put("error", e.getMessage());
            model.put("rows", List.of());
            model.put("total", 0);
        }
        Html.send(response, status, "logs", model);
    }

    private static String nextLink(Map<String, List<String>> values, String cursor) {
        StringBuilder link = new StringBuilder("/logs?");
        values.forEach((name, list) -> {
            if (!name.equals("cursor") && !list.isEmpty()) {
                link.append(encode(name)).append('=').append(encode(list.getFirst())).append('&');
            }
        });
        return link.append("cursor=").append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
