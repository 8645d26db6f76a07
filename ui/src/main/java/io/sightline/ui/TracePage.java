package io.sightline.ui;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.ApiTimes;
import io.sightline.query.traces.CriticalPath;
import io.sightline.storage.logs.LogPage;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogSearch;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;

/**
 * The trace view {@code /traces/{traceId}}: the waterfall ({@link Waterfall}) with the critical path
 * ({@link CriticalPath}) marked, each span's details and log records in a panel that opens on its row,
 * the trace's log records under it, and a form to compare it with another trace. A trace the store
 * does not hold answers 404 with the page saying so. Thread-safe.
 */
public final class TracePage implements HttpService {
    private final TraceQuerier traces;
    private final LogQuerier logs;
    private final TracePagesConfig config;
    private final InstantSource clock;

    public TracePage(TraceQuerier traces, LogQuerier logs, TracePagesConfig config, InstantSource clock) {
        this.traces = traces;
        this.logs = logs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/traces/{traceId}", this::page);
    }

    /**
     * A trace id as typed: up to 32 hex digits, left-padded with zeros as Jaeger reads one, lower case.
     *
     * @throws IllegalArgumentException naming {@code name} when it is not one
     */
    static String traceId(String name, String text) {
        String id = text.strip().toLowerCase(Locale.ROOT);
        if (id.isEmpty() || id.length() > 32 || !id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(name + ": a trace id is 1 to 32 hexadecimal digits, got \"" + text + "\"");
        }
        return "0".repeat(32 - id.length()) + id;
    }

    /** The trace laid out, or empty when the store holds none of its spans. */
    static Optional<Waterfall.Layout> load(TraceQuerier traces, String traceId) {
        List<SpanRecord> spans = traces.trace(traceId, 0, Long.MAX_VALUE);
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Waterfall.of(spans, CriticalPath.of(spans)));
    }

    private void page(ServerRequest request, ServerResponse response) {
        String raw = request.path().pathParameters().get("traceId");
        Map<String, Object> model = Html.model(request, clock, "Trace", "Traces", Map.of());
        model.put("traceId", raw);
        String id;
        try {
            id = traceId("trace id", raw);
        } catch (IllegalArgumentException e) {
            model.put("error", e.getMessage());
            model.put("missing", true);
            Html.send(request, response, Status.BAD_REQUEST_400, "trace", model);
            return;
        }
        model.put("traceId", id);
        model.put("title", "Trace " + id.substring(0, 8));
        Optional<Waterfall.Layout> layout = load(traces, id);
        if (layout.isEmpty()) {
            model.put("missing", true);
            model.put("error", "No trace " + id + " is stored: it may be older than the retention, or not sent yet.");
            Html.send(request, response, Status.NOT_FOUND_404, "trace", model);
            return;
        }
        Waterfall.Layout trace = layout.get();
        Map<String, List<TraceLogRow>> logsBySpan = new HashMap<>();
        List<TraceLogRow> traceLogs = new ArrayList<>();
        try {
            for (LogRecord record : traceLogs(id, trace)) {
                TraceLogRow row = TraceLogRow.of(record);
                traceLogs.add(row);
                logsBySpan.computeIfAbsent(record.spanId(), k -> new ArrayList<>()).add(row);
            }
        } catch (RuntimeException e) {
            model.put("logError", "The trace's logs could not be read: " + e.getMessage());
        }
        List<SpanView> spans = trace.rows().stream()
                .map(row -> SpanView.of(row, trace.startNanos(), logsBySpan.getOrDefault(row.span().spanId(), List.of())))
                .toList();
        WaterfallRow root = trace.rows().getFirst();
        model.put("missing", false);
        model.put("spans", spans);
        model.put("root", SpanView.of(root, trace.startNanos(), List.of()));
        model.put("duration", DurationText.of(trace.durationNanos()));
        model.put("start", ApiTimes.formatNanos(trace.startNanos()));
        model.put("serviceCount", trace.rows().stream().map(r -> r.span().serviceName()).distinct().count());
        model.put("errorCount", trace.rows().stream().filter(WaterfallRow::error).count());
        model.put("criticalCount", trace.rows().stream().filter(WaterfallRow::onCriticalPath).count());
        model.put("logs", traceLogs);
        model.put("ticks", ticks(trace.durationNanos()));
        Html.send(request, response, Status.OK_200, "trace", model);
    }

    /** The trace's log records in time order, at most {@link TracePagesConfig#maxLogRecords()}. */
    private List<LogRecord> traceLogs(String id, Waterfall.Layout trace) {
        long margin = config.logMargin().toNanos();
        LogPage page = logs.search(new LogSearch(trace.startNanos() - margin, trace.startNanos() + trace.durationNanos() + margin,
                Optional.empty(), 0, Optional.of(id), Map.of(), Optional.empty(), config.maxLogRecords(), Optional.empty(),
                config.searchTimeout()));
        return page.records().reversed();
    }

    /** Labels under the waterfall's track: 0, ¼, ½, ¾ and the whole duration. */
    static List<String> ticks(long durationNanos) {
        List<String> ticks = new ArrayList<>(5);
        for (int i = 0; i <= 4; i++) {
            ticks.add(DurationText.of(durationNanos * i / 4));
        }
        return ticks;
    }
}
