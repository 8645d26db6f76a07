package io.sightline.appliance.jar;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What the Jaeger API ({@code /api}) of a running appliance answers for traces: each trace's span ids
 * as returned, in order, duplicates kept (a span stored twice shows up twice). Reads many traces at
 * once through Jaeger's {@code GET /api/traces?traceID=a&traceID=b…} form, several requests in
 * parallel; one through {@code GET /api/traces/{id}}; a service's traces through the search.
 */
final class StoredTraces {
    /** Trace ids per bulk request: ~41 URL characters each keeps the request line under 4 KiB. */
    private static final int IDS_PER_REQUEST = 64;
    /** Requests in flight at once; each answer waits on the appliance, not on this JVM. */
    private static final int PARALLEL_REQUESTS = 8;

    private StoredTraces() {
    }

    /** The span ids of every trace of {@code traceIds} that is stored (absent: none of its spans is), by trace id. */
    static Map<String, List<String>> bulk(ApplianceClient client, Collection<String> traceIds) throws Exception {
        List<String> ids = List.copyOf(traceIds);
        Map<String, List<String>> found = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS)) {
            List<Future<?>> requests = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
                requests.add(pool.submit(() -> {
                    collect(client, "/api/traces?" + batch.stream().map(id -> "traceID=" + id)
                            .collect(Collectors.joining("&")), found);
                    return null;
                }));
            }
            for (Future<?> request : requests) {
                request.get(60, TimeUnit.SECONDS);
            }
        }
        return found;
    }

    /**
     * The span ids of each stored trace of {@code traceIds}, one {@code /api/traces/{id}} request per
     * trace (several in parallel); a trace answered 404 is absent.
     */
    static Map<String, List<String>> byIds(ApplianceClient client, Collection<String> traceIds) throws Exception {
        Map<String, List<String>> found = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS)) {
            List<Future<?>> requests = new ArrayList<>();
            for (String traceId : traceIds) {
                requests.add(pool.submit(() -> {
                    String path = "/api/traces/" + traceId;
                    HttpResponse<String> response = client.get(path);
                    if (response.statusCode() != 404) {
                        Map<String, List<String>> one = new TreeMap<>();
                        traces(response, path, one);
                        if (!one.keySet().equals(Set.of(traceId))) {
                            throw new AssertionError(path + " answered traces " + one.keySet());
                        }
                        found.putAll(one);
                    }
                    return null;
                }));
            }
            for (Future<?> request : requests) {
                request.get(60, TimeUnit.SECONDS);
            }
        }
        return found;
    }

    /** The traces a Jaeger search for {@code service} finds between the two times (epoch microseconds). */
    static Map<String, List<String>> search(ApplianceClient client, String service, int limit, long startMicros,
                                            long endMicros) throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        collect(client, "/api/traces?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&limit=" + limit
                + "&start=" + startMicros + "&end=" + endMicros, found);
        return found;
    }

    private static void collect(ApplianceClient client, String path, Map<String, List<String>> found) throws Exception {
        traces(client.get(path), path, found);
    }

    private static void traces(HttpResponse<String> response, String path, Map<String, List<String>> found) {
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonElement data = JsonParser.parseString(response.body()).getAsJsonObject().get("data");
        for (JsonElement element : data.getAsJsonArray()) {
            JsonObject trace = element.getAsJsonObject();
            String traceId = trace.get("traceID").getAsString();
            List<String> spanIds = new ArrayList<>();
            for (JsonElement spanElement : trace.getAsJsonArray("spans")) {
                JsonObject span = spanElement.getAsJsonObject();
                if (!span.get("traceID").getAsString().equals(traceId)) {
                    throw new AssertionError("span " + span + " in trace " + traceId + " of " + path);
                }
                spanIds.add(span.get("spanID").getAsString());
            }
            if (found.putIfAbsent(traceId, spanIds) != null) {
                throw new AssertionError("trace " + traceId + " twice in the answer to " + path);
            }
        }
    }
}
