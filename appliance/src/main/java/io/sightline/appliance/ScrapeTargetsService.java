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
import io.sightline.ingest.scrape.TargetHealth;

/**
 * {@code GET /api/v1/targets} in Prometheus's shape: every scrape target's labels, URL, health,
 * last error, last scrape time and duration ({@code droppedTargets} is always empty: static
 * targets are never dropped). Thread-safe.
 */
final class ScrapeTargetsService implements HttpService {
    private static final Gson GSON = new Gson();
    private final Supplier<List<TargetHealth>> targets;

    ScrapeTargetsService(Supplier<List<TargetHealth>> targets) {
        this.targets = targets;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/targets", this::targets);
    }

    private void targets(ServerRequest request, ServerResponse response) {
        List<Map<String, Object>> active = targets.get().stream().map(ScrapeTargetsService::target).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("activeTargets", active);
        data.put("droppedTargets", List.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "success");
        answer.put("data", data);
        response.header(HeaderValues.CONTENT_TYPE_JSON).send(GSON.toJson(answer));
    }

    private static Map<String, Object> target(TargetHealth t) {
        Map<String, String> labels = new LinkedHashMap<>();
        t.labels().forEach(labels::put);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("discoveredLabels", labels);
        out.put("labels", labels);
        out.put("scrapePool", t.labels().get("job"));
        out.put("scrapeUrl", t.url());
        out.put("lastError", t.lastError());
        out.put("lastScrape", t.lastScrapeMs() == 0 ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(t.lastScrapeMs()).toString());
        out.put("lastScrapeDuration", t.lastDurationSeconds());
        out.put("lastSamples", t.lastSamples());
        out.put("health", t.health());
        return out;
    }
}
