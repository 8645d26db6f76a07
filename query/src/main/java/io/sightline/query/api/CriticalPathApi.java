package io.sightline.query.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.sightline.query.traces.CriticalPath;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;

/**
 * Sightline's own trace view helper: {@code GET <prefix>/{traceID}/critical-path}, registered at
 * {@code /api/v1/traces} (before the Prometheus API at {@code /api/v1}), answering
 * {@code {"status":"success","data":{"traceID":"…","sections":[{"spanID","startTimeUnixNano",
 * "endTimeUnixNano","durationNanos"}]}}} in time order ({@link CriticalPath}); times as strings of
 * nanoseconds (beyond a JavaScript number's exact range), durations as numbers. Errors as the other
 * {@code /api/v1} endpoints: 400 {@code bad_data} for a malformed id, 404 {@code not_found} for an
 * unknown trace. Thread-safe.
 */
public final class CriticalPathApi implements HttpService {
    private final TraceQuerier traces;

    public CriticalPathApi(TraceQuerier traces) {
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{traceID}/critical-path", (request, response) -> {
            String id = request.path().pathParameters().get("traceID").toLowerCase(Locale.ROOT);
            if (!id.matches("[0-9a-f]{32}")) {
                ApiResponses.error(response, Status.BAD_REQUEST_400, "bad_data",
                        "invalid trace id \"" + id + "\": 32 hex digits expected");
                return;
            }
            List<SpanRecord> spans = traces.trace(id, 0, Long.MAX_VALUE);
            if (spans.isEmpty()) {
                ApiResponses.error(response, Status.NOT_FOUND_404, "not_found", "trace not found");
                return;
            }
            List<CriticalPath.Section> path = CriticalPath.of(spans);
            ApiResponses.success(response, json -> {
                json.beginObject();
                json.name("traceID").value(id);
                json.name("sections").beginArray();
                for (CriticalPath.Section s : path) {
                    json.beginObject()
                            .name("spanID").value(s.spanId())
                            .name("startTimeUnixNano").value(Long.toString(s.startNanos()))
                            .name("endTimeUnixNano").value(Long.toString(s.endNanos()))
                            .name("durationNanos").value(s.durationNanos())
                            .endObject();
                }
                json.endArray();
                json.endObject();
            });
        });
    }
}
