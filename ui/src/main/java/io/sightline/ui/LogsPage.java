package io.sightline.ui;

import java.net.URLEncoder;
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
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryService;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;

/**
 * The logs page, as Grafana's Explore over Loki: a LogQL query (or the simple search translated into
 * one, see {@link LogsQuery}) over the shared {@link TimeRange}; a volume histogram by level
 * ({@link LogVolume}); the newest {@link LogsPageConfig#pageSize} lines, each expandable to all its
 * labels, with links to its trace and its context ({@code /logs/context}, {@link LogContext}); paging
 * to older lines with {@code before} (nanoseconds; the next page's exclusive end is one past it) and
 * {@code skip} (lines at exactly {@code before} already shown). {@code logs.js} adds label
 * autocompletion and the live tail. Thread-safe.
 */
public final class LogsPage implements HttpService {
    private static final List<String> KEPT = List.of("query", "q", "service", "min_severity", "trace_id");

    private final LogqlQueryService logql;
    private final LogsPageConfig config;
    private final InstantSource clock;

    public LogsPage(LogqlQueryService logql, LogsPageConfig config, InstantSource clock) {
        this.logql = logql;
        this.config = config;
        this.clock = clock;
    }

    /** Loads the template engine and this page's templates before the first request needs them. */
    public static void warmUp() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Logs");
        model.put("nav", Html.NAV);
        model.put("range", TimeRange.lastHour(java.time.Instant.EPOCH));
        model.put("rangeQuery", "");
        model.put("path", "/logs");
        model.put("keep", Map.of());
        model.put("quickChoices", TimeRange.QUICK_CHOICES);
        model.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        model.put("severities", LogsQuery.SEVERITIES);
        model.put("form", Map.of("query", "", "q", "", "service", "", "min_severity", "", "trace_id", ""));
        model.put("logql", LogsQuery.ALL);
        model.put("rows", List.of());
        model.put("startNanos", 0L);
        Pages.warmUp("logs", model);
        model.put("service", "");
        Pages.warmUp("logs-context", model);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/logs", this::page).get("/logs/context", this::context);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> keep = new LinkedHashMap<>();
        for (String name : KEPT) {
            String value = request.query().first(name).orElse("");
            form.put(name, value);
            if (!value.isEmpty()) {
                keep.put(name, value);
            }
        }
        Map<String, Object> model = Html.model(request, clock, "Logs", "Logs", keep);
        TimeRange range = (TimeRange) model.get("range");
        model.put("form", form);
        model.put("severities", LogsQuery.SEVERITIES);
        model.put("rows", List.of());
        long startNanos = range.startMs() * 1_000_000L;
        long endNanos = (range.endMs() + 1) * 1_000_000L;
        model.put("startNanos", startNanos);
        Status status = Status.OK_200;
        try {
            LogsQuery query = LogsQuery.of(form.get("query"), form.get("q"), form.get("service"),
                    form.get("min_severity"), form.get("trace_id"));
            model.put("logql", query.logql());
            model.put("translated", query.translated());
            query.validate();
            long before = longParameter(request, "before", endNanos - 1);
            int skip = (int) longParameter(request, "skip", 0);
            long pageEnd = Math.min(endNanos, before + 1);
            model.put("paged", pageEnd < endNanos);
            LogqlResult.Streams streams = (LogqlResult.Streams) logql.execute(new LogqlRequest(query.logql(), startNanos,
                    Math.max(startNanos, pageEnd), 1, 0, LogqlDirection.BACKWARD, config.pageSize() + skip,
                    config.queryTimeout()));
            List<LogRow> rows = dropShown(LogRow.of(streams), pageEnd - 1, skip);
            rows = rows.subList(0, Math.min(rows.size(), config.pageSize()));
            model.put("rows", rows);
            model.put("stats", streams.stats());
            model.put("zoomBase", formLink(form));
            if (rows.size() == config.pageSize()) {
                model.put("next", nextLink(form, range, rows, pageEnd - 1, skip));
            }
            volume(query, range, model);
        } catch (LogqlQueryException | IllegalArgumentException e) {
            status = Status.BAD_REQUEST_400;
            model.putIfAbsent("logql", form.get("query"));
            model.put("error", e.getMessage());
        }
        Html.send(request, response, status, "logs", model);
    }

    private void volume(LogsQuery query, TimeRange range, Map<String, Object> model) {
        long step = LogVolume.stepSeconds(range.startMs(), range.endMs(), config.volumeBars());
        long first = LogVolume.firstEndNanos(range.startMs(), step);
        long last = LogVolume.lastEndNanos(range.endMs(), step);
        try {
            LogqlResult result = logql.execute(new LogqlRequest(query.volumeQuery(step), first, last,
                    step * 1_000_000_000L, 0, LogqlDirection.BACKWARD, 1, config.queryTimeout()));
            if (result instanceof LogqlResult.Matrix matrix) {
                model.put("volume", LogVolume.of(matrix, first, last, step));
            }
        } catch (LogqlQueryException e) {
            model.put("volumeError", "The volume histogram could not be computed: " + e.getMessage());
        }
    }

    private void context(ServerRequest request, ServerResponse response) {
        String service = request.query().first("service").orElse("");
        String ts = request.query().first("ts").orElse("");
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("service", service);
        keep.put("ts", ts);
        Map<String, Object> model = Html.model(request, clock, "Log context", "Logs", keep);
        model.put("service", service);
        model.put("rows", List.of());
        Status status = Status.OK_200;
        try {
            if (service.isEmpty()) {
                throw new IllegalArgumentException("service: required");
            }
            LogContext context = new LogContext(service, longParameter(request, "ts", -1), config.contextLines(),
                    config.contextSpan());
            if (context.anchorNanos() < 0) {
                throw new IllegalArgumentException("ts: required, Unix epoch nanoseconds");
            }
            List<LogRow> rows = context.merge(
                    (LogqlResult.Streams) logql.execute(context.before(config.queryTimeout())),
                    (LogqlResult.Streams) logql.execute(context.after(config.queryTimeout())));
            model.put("rows", rows);
            model.put("context", context);
            model.put("logql", context.selector());
        } catch (LogqlQueryException | IllegalArgumentException e) {
            status = Status.BAD_REQUEST_400;
            model.put("error", e.getMessage());
        }
        Html.send(request, response, status, "logs-context", model);
    }

    /** Leaves out the first {@code skip} rows at exactly {@code atNanos}: the previous page showed them. */
    static List<LogRow> dropShown(List<LogRow> rows, long atNanos, int skip) {
        List<LogRow> kept = new java.util.ArrayList<>(rows.size());
        int dropped = 0;
        for (LogRow row : rows) {
            if (dropped < skip && row.timeNanos() == atNanos) {
                dropped++;
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    /**
     * The page of lines older than the last shown: {@code before} its time, skipping the lines of that
     * time shown so far (on this page, and on earlier ones when this page ends at the same time).
     */
    static String nextLink(Map<String, String> form, TimeRange range, List<LogRow> rows, long before, int skipped) {
        long oldest = rows.getLast().timeNanos();
        long sameTime = rows.stream().filter(row -> row.timeNanos() == oldest).count() + (oldest == before ? skipped : 0);
        return formLink(form) + range.query() + "&before=" + oldest + "&skip=" + sameTime;
    }

    /** {@code /logs?} with the query's own parameters, ready for a range to be appended. */
    static String formLink(Map<String, String> form) {
        StringBuilder link = new StringBuilder("/logs?");
        form.forEach((name, value) -> {
            if (!value.isEmpty()) {
                link.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return link.toString();
    }

    private static long longParameter(ServerRequest request, String name, long absent) {
        String value = request.query().first(name).orElse("").strip();
        if (value.isEmpty()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a non-negative integer, got \"" + value + "\"");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
