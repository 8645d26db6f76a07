package io.sightline.ui;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.storage.traces.TraceQuerier;

/**
 * Two traces side by side, {@code /traces/compare?a=<id>&b=<id>}: their waterfalls aligned row by row
 * ({@link TraceComparison}), each bar in percent of its own trace, B's duration minus A's per span and
 * per operation. Without both ids it shows the form; an unknown id answers 404. Thread-safe.
 */
public final class TraceComparePage implements HttpService {
    private final TraceQuerier traces;
    private final InstantSource clock;

    public TraceComparePage(TraceQuerier traces, InstantSource clock) {
        this.traces = traces;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/traces/compare", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        String a = request.query().first("a").orElse("").strip();
        String b = request.query().first("b").orElse("").strip();
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("a", a);
        keep.put("b", b);
        Map<String, Object> model = Html.model(request, clock, "Compare traces", "Traces", keep);
        model.put("a", a);
        model.put("b", b);
        if (a.isEmpty() || b.isEmpty()) {
            Html.send(request, response, Status.OK_200, "trace-compare", model);
            return;
        }
        String idA;
        String idB;
        try {
            idA = TracePage.traceId("a", a);
            idB = TracePage.traceId("b", b);
        } catch (IllegalArgumentException e) {
            model.put("error", e.getMessage());
            Html.send(request, response, Status.BAD_REQUEST_400, "trace-compare", model);
            return;
        }
        Optional<Waterfall.Layout> left = TracePage.load(traces, idA);
        Optional<Waterfall.Layout> right = TracePage.load(traces, idB);
        if (left.isEmpty() || right.isEmpty()) {
            model.put("error", "No trace " + (left.isEmpty() ? idA : idB) + " is stored: it may be older than the retention, or not sent yet.");
            Html.send(request, response, Status.NOT_FOUND_404, "trace-compare", model);
            return;
        }
        TraceComparison.Result result = TraceComparison.of(left.get().rows(), right.get().rows());
        model.put("idA", idA);
        model.put("idB", idB);
        model.put("durationA", DurationText.of(left.get().durationNanos()));
        model.put("durationB", DurationText.of(right.get().durationNanos()));
        model.put("difference", DurationText.signed(right.get().durationNanos() - left.get().durationNanos()));
        model.put("rows", result.rows());
        model.put("operations", result.operations());
        Html.send(request, response, Status.OK_200, "trace-compare", model);
    }
}
