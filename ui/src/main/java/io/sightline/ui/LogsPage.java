package io.sightline.ui;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
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
 * The logs page: a search form (text, service, lowest severity, time range) and the matching records,
 * newest first, rendered on the server. It takes the same parameters as {@code /api/v1/logs/search},
 * plus {@code range} (15m, 1h, 6h, 24h, 7d) when no {@code start} is given.
 */
public final class LogsPage implements HttpService {
    private static final Map<String, Long> RANGES = rangeSeconds();

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
        empty.put("q", "");
        empty.put("service", "");
        empty.put("minSeverity", "");
        empty.put("range", "1h");
        empty.put("ranges", RANGES.keySet());
        empty.put("rows", List.of());
        empty.put("total", 0);
        Pages.warmUp("logs", empty);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> response.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, "/logs").send())
                .get("/logs", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        var query = request.query();
        Map<String, List<String>> values = new HashMap<>(query.toMap());
        String range = query.first("range").filter(RANGES::containsKey).orElse("1h");
        if (!values.containsKey("start") || values.get("start").getFirst().isEmpty()) {
            long now = clock.instant().getEpochSecond();
            values.put("start", List.of(Long.toString(now - RANGES.get(range))));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("q", query.first("q").orElse(""));
        model.put("service", query.first("service").orElse(""));
        model.put("minSeverity", query.first("min_severity").orElse(""));
        model.put("range", range);
        model.put("ranges", RANGES.keySet());
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
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        response.send(Pages.render("logs", model).getBytes(StandardCharsets.UTF_8));
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

    private static Map<String, Long> rangeSeconds() {
        Map<String, Long> ranges = new LinkedHashMap<>();
        ranges.put("15m", 900L);
        ranges.put("1h", 3_600L);
        ranges.put("6h", 21_600L);
        ranges.put("24h", 86_400L);
        ranges.put("7d", 604_800L);
        return ranges;
    }
}
