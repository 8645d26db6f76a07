package io.sightline.ui;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.ApiTimes;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearchException;
import io.sightline.storage.traces.TraceSummary;

/**
 * The trace search page {@code /traces}: a form ({@link TraceSearchForm}) whose service and operation
 * choices come from the store's catalogue for the range, the matching traces as a scatter of duration
 * over start time (points, errors in red, a click opens the trace) and as a list that reads without
 * scripts. Thread-safe.
 */
public final class TracesPage implements HttpService {
    private final TraceQuerier traces;
    private final TracePagesConfig config;
    private final InstantSource clock;

    public TracesPage(TraceQuerier traces, TracePagesConfig config, InstantSource clock) {
        this.traces = traces;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/traces", this::page);
    }

    /**
     * One listed trace.
     *
     * @param link the trace view's path with the range
     */
    record Row(String traceId, String link, String rootService, String rootName, int spans, int errors,
               String duration, String start, List<String> services) {
    }

    private void page(ServerRequest request, ServerResponse response) {
        TraceSearchForm form = TraceSearchForm.read(name -> request.query().first(name).asOptional());
        Map<String, String> keep = new LinkedHashMap<>();
        for (String name : TraceSearchForm.PARAMETERS) {
            request.query().first(name).asOptional().filter(v -> !v.isBlank()).ifPresent(v -> keep.put(name, v));
        }
        Map<String, Object> model = Html.model(request, clock, "Traces", "Traces", keep);
        TimeRange range = (TimeRange) model.get("range");
        String rangeQuery = (String) model.get("rangeQuery");
        long start = range.startMs() * 1_000_000;
        long end = range.endMs() * 1_000_000 + 1_000_000;
        model.put("form", form);
        model.put("services", traces.services(start, end));
        model.put("operations", form.service().isEmpty() ? List.of()
                : traces.operations(form.service(), start, end).stream().map(TraceQuerier.Operation::name).distinct().toList());
        Status status = Status.OK_200;
        List<TraceSummary> found = List.of();
        try {
            int limit = form.limit(config);
            found = traces.search(form.toSearch(start, end, config)).stream()
                    .filter(t -> form.keep(t.errorCount())).limit(limit).toList();
        } catch (IllegalArgumentException | TraceSearchException e) {
            status = e instanceof TraceSearchException ? Status.SERVICE_UNAVAILABLE_503 : Status.BAD_REQUEST_400;
            model.put("error", e.getMessage());
        }
        model.put("rows", found.stream().map(t -> row(t, rangeQuery)).toList());
        model.put("chart", found.isEmpty() ? null : chart(found, rangeQuery));
        Html.send(request, response, status, "traces", model);
    }

    private static Row row(TraceSummary trace, String rangeQuery) {
        return new Row(trace.traceId(), link(trace.traceId(), rangeQuery),
                trace.rootServiceName().isEmpty() ? "(root not received)" : trace.rootServiceName(),
                trace.rootSpanName(), trace.spanCount(), trace.errorCount(), DurationText.of(trace.durationNanos()),
                ApiTimes.formatNanos(trace.startNanos()), trace.services());
    }

    static String link(String traceId, String rangeQuery) {
        return "/traces/" + traceId + "?" + rangeQuery;
    }

    /**
     * The scatter's {@code data-chart} JSON (see app.js): x the start in Unix seconds, y the duration
     * in seconds, one series for traces without errors and one for those with, {@code links} the trace
     * view of each point. Only numbers and links made of hex ids and the URL-encoded range.
     */
    static String chart(List<TraceSummary> found, String rangeQuery) {
        List<TraceSummary> byStart = new ArrayList<>(found);
        byStart.sort(Comparator.comparingLong(TraceSummary::startNanos));
        StringBuilder x = new StringBuilder();
        StringBuilder ok = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        StringBuilder links = new StringBuilder();
        for (TraceSummary t : byStart) {
            String comma = x.isEmpty() ? "" : ",";
            String seconds = String.format(Locale.ROOT, "%.6f", t.durationNanos() / 1e9);
            x.append(comma).append(String.format(Locale.ROOT, "%.3f", t.startNanos() / 1e9));
            ok.append(comma).append(t.errorCount() == 0 ? seconds : "null");
            failed.append(comma).append(t.errorCount() > 0 ? seconds : "null");
            links.append(comma).append('"').append(link(t.traceId(), rangeQuery).replace("\"", "%22")).append('"');
        }
        return "{\"x\":[" + x + "],\"series\":[{\"name\":\"ok\",\"colour\":\"#1f5fbf\",\"values\":[" + ok
                + "]},{\"name\":\"error\",\"colour\":\"#b3261e\",\"values\":[" + failed + "]}],\"unit\":\"s\","
                + "\"points\":true,\"links\":[" + links + "]}";
    }
}
