package io.sightline.appliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.google.gson.Gson;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.ingest.export.ExporterState;

/**
 * {@code GET /api/v1/status/exporters}: every exporter's state per signal (target, WAL position and
 * lag, items sent, failed, dropped, retries, last error) in the Prometheus API's envelope. The
 * status page shows the same. Thread-safe.
 */
final class ExportersService implements HttpService {
    private static final Gson GSON = new Gson();
    private final Supplier<List<ExporterState>> states;

    ExportersService(Supplier<List<ExporterState>> states) {
        this.states = states;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/status/exporters", this::exporters);
    }

    private void exporters(ServerRequest request, ServerResponse response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "success");
        answer.put("data", states.get().stream().map(ExportersService::state).toList());
        response.header(HeaderValues.CONTENT_TYPE_JSON).send(GSON.toJson(answer));
    }

    private static Map<String, Object> state(ExporterState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.exporter());
        out.put("signal", s.signal());
        out.put("target", s.target());
        out.put("state", s.status());
        out.put("forwardedWalIndex", s.forwardedIndex());
        out.put("lagEntries", s.lagEntries());
        out.put("lagSeconds", s.lagSeconds());
        out.put("sentItems", s.sentItems());
        out.put("failedItems", s.failedItems());
        out.put("droppedItems", s.droppedItems());
        out.put("retries", s.retries());
        out.put("lastError", s.lastError());
        out.put("lastErrorTime", s.lastErrorAtMillis() == 0 ? "" : Instant.ofEpochMilli(s.lastErrorAtMillis()).toString());
        return out;
    }
}
