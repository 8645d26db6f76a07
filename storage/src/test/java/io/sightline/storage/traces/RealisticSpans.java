package io.sightline.storage.traces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Spans shaped like an instrumented shop's (OpenTelemetry semantic conventions): a trace is an HTTP
 * request through frontend → checkout → (payments over gRPC, a database), eight spans of about 15
 * attributes each, with random 128-bit trace and 64-bit span ids. Spans are handed out as OTel SDKs
 * export them: each service batches its own spans ({@link #BATCH} a batch), so a trace's spans reach
 * the store in a few entries. Deterministic for a seed. Not thread-safe.
 */
final class RealisticSpans {
    static final int BATCH = 512;
    static final String[] SERVICES = {"frontend", "checkout", "payments", "inventory", "shipping"};
    private static final String[] ROUTES = {"/api/v1/orders/{id}", "/api/v1/cart", "/api/v1/payments/{id}/authorize",
            "/api/v1/inventory/{sku}", "/api/v1/shipping/quote", "/healthz"};
    private static final String[] TABLES = {"orders", "order_items", "payments", "stock", "customers"};

    private final SplittableRandom random;
    private final Map<String, List<Map<String, Object>>> resources = new HashMap<>();
    private final Map<String, List<SpanRecord>> batches = new LinkedHashMap<>();
    private long time;
    private final long step;

    /**
     * @param startNanos first trace start
     * @param stepNanos  mean time between trace starts
     */
    RealisticSpans(long seed, long startNanos, long stepNanos) {
        this.random = new SplittableRandom(seed);
        this.time = startNanos;
        this.step = stepNanos;
        for (String service : SERVICES) {
            List<Map<String, Object>> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("service.namespace", "shop");
                resource.put("service.version", "1.4." + i);
                resource.put("service.instance.id", service + "-" + Long.toHexString(random.nextLong()));
                resource.put("deployment.environment", "production");
                resource.put("host.name", "node-" + random.nextInt(12) + ".internal");
                resource.put("k8s.namespace.name", "shop");
                resource.put("k8s.pod.name", service + "-7d9f8c-" + Long.toString(random.nextLong(1L << 30), 36));
                resource.put("telemetry.sdk.name", "opentelemetry");
                resource.put("telemetry.sdk.language", "java");
                resource.put("telemetry.sdk.version", "1.67.0");
                instances.add(resource);
            }
            resources.put(service, instances);
            batches.put(service, new ArrayList<>(BATCH));
        }
    }

    /** Generates one trace; every batch it fills goes to the {@link #sink}. Returns the trace id. */
    String nextTrace() {
        time += 1 + random.nextLong(2 * step);
        String traceId = hex(random.nextLong()) + hex(random.nextLong());
        String route = ROUTES[random.nextInt(ROUTES.length)];
        boolean failed = random.nextInt(50) == 0;
        long total = 2_000_000 + (long) (Math.exp(random.nextDouble() * 6) * 1_000_000); // 3 ms .. ~400 ms, rare long tail
        if (random.nextInt(200) == 0) {
            total += 500_000_000L + random.nextLong(1_500_000_000L);
        }
        String rootId = hex(random.nextLong());
        add(http(traceId, rootId, "", "frontend", SpanRecord.KIND_SERVER, route, time, total, failed));
        String clientId = hex(random.nextLong());
        long clientStart = time + 300_000;
        long clientDuration = total - 600_000;
        add(http(traceId, clientId, rootId, "frontend", SpanRecord.KIND_CLIENT, route, clientStart, clientDuration, failed));
        String serverId = hex(random.nextLong());
        add(http(traceId, serverId, clientId, "checkout", SpanRecord.KIND_SERVER, route, clientStart + 200_000,
                clientDuration - 400_000, failed));
        long at = clientStart + 300_000;
        long slice = (clientDuration - 600_000) / 5;
        for (int i = 0; i < 3; i++) {
            add(db(traceId, hex(random.nextLong()), serverId, "checkout", at, slice - 10_000));
            at += slice;
        }
        String rpcClient = hex(random.nextLong());
        add(rpc(traceId, rpcClient, serverId, "checkout", SpanRecord.KIND_CLIENT, at, slice, failed));
        add(rpc(traceId, hex(random.nextLong()), rpcClient, "payments", SpanRecord.KIND_SERVER, at + 100_000, slice - 200_000, failed));
        return traceId;
    }

    /** Hands the spans not yet in a full batch to the sink. */
    void flush() {
        for (List<SpanRecord> batch : batches.values()) {
            if (!batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    private Consumer<List<SpanRecord>> sink = batch -> { };

    /** Where full batches go (each one WAL entry's spans). */
    void sink(Consumer<List<SpanRecord>> entries) {
        this.sink = entries;
    }

    private void add(SpanRecord span) {
        List<SpanRecord> batch = batches.get(span.serviceName());
        batch.add(span);
        if (batch.size() == BATCH) {
            sink.accept(List.copyOf(batch));
            batch.clear();
        }
    }

    private Map<String, Object> resource(String service) {
        List<Map<String, Object>> instances = resources.get(service);
        return instances.get(random.nextInt(instances.size()));
    }

    private SpanRecord http(String traceId, String spanId, String parent, String service, int kind, String route,
                            long start, long duration, boolean failed) {
        String path = route.replace("{id}", Long.toString(random.nextLong(10_000_000))).replace("{sku}", "sku-" + random.nextInt(5000));
        int status = failed ? 503 : route.equals("/api/v1/cart") && random.nextInt(10) == 0 ? 404 : 200;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.request.method", random.nextInt(4) == 0 ? "POST" : "GET");
        attributes.put("http.route", route);
        attributes.put("url.path", path);
        attributes.put("url.scheme", "http");
        attributes.put("http.response.status_code", (long) status);
        attributes.put("server.address", kind == SpanRecord.KIND_CLIENT ? "checkout" : "shop.example.com");
        attributes.put("server.port", 8080L);
        attributes.put("client.address", "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256));
        attributes.put("network.protocol.version", "1.1");
        attributes.put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0");
        attributes.put("http.request.body.size", (long) random.nextInt(2000));
        attributes.put("http.response.body.size", (long) random.nextInt(20_000));
        attributes.put("thread.name", "http-nio-8080-exec-" + random.nextInt(200));
        attributes.put("thread.id", (long) (30 + random.nextInt(200)));
        attributes.put("enduser.id", "u-" + random.nextInt(100_000));
        String name = (kind == SpanRecord.KIND_SERVER ? "" : "client ") + attributes.get("http.request.method") + " " + route;
        return new SpanRecord(traceId, spanId, parent, "", 1, name, kind, start, start + duration,
                failed ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET, failed ? "upstream unavailable" : "", service,
                resource(service), "io.opentelemetry.tomcat-10.0", "2.10.0-alpha", attributes, List.of(), List.of(), 0, 0, 0);
    }

    private SpanRecord db(String traceId, String spanId, String parent, String service, long start, long duration) {
        String table = TABLES[random.nextInt(TABLES.length)];
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("db.system", "postgresql");
        attributes.put("db.namespace", "shop");
        attributes.put("db.operation.name", "SELECT");
        attributes.put("db.collection.name", table);
        attributes.put("db.query.text", "select * from " + table + " where id = ? and tenant_id = ?");
        attributes.put("server.address", "postgres.shop.svc");
        attributes.put("server.port", 5432L);
        attributes.put("network.peer.address", "10.96.0." + random.nextInt(20));
        attributes.put("network.peer.port", 5432L);
        attributes.put("db.user", "shop");
        attributes.put("db.response.returned_rows", (long) random.nextInt(50));
        attributes.put("db.client.connection.pool.name", "HikariPool-1");
        attributes.put("thread.name", "http-nio-8080-exec-" + random.nextInt(200));
        attributes.put("thread.id", (long) (30 + random.nextInt(200)));
        attributes.put("code.function", "findBy" + Character.toUpperCase(table.charAt(0)) + table.substring(1));
        return new SpanRecord(traceId, spanId, parent, "", 1, "SELECT shop." + table, SpanRecord.KIND_CLIENT, start,
                start + duration, SpanRecord.STATUS_UNSET, "", service, resource(service), "io.opentelemetry.jdbc",
                "2.10.0-alpha", attributes, List.of(), List.of(), 0, 0, 0);
    }

    private SpanRecord rpc(String traceId, String spanId, String parent, String service, int kind, long start,
                           long duration, boolean failed) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("rpc.system", "grpc");
        attributes.put("rpc.service", "shop.payments.v1.PaymentService");
        attributes.put("rpc.method", "Authorize");
        attributes.put("rpc.grpc.status_code", failed ? 14L : 0L);
        attributes.put("server.address", "payments.shop.svc");
        attributes.put("server.port", 9090L);
        attributes.put("network.peer.address", "10.96.1." + random.nextInt(20));
        attributes.put("network.type", "ipv4");
        attributes.put("rpc.request.size", (long) random.nextInt(800));
        attributes.put("rpc.response.size", (long) random.nextInt(400));
        attributes.put("payment.id", "pay_" + Long.toHexString(random.nextLong()));
        attributes.put("payment.amount", Math.round(random.nextDouble(1, 500) * 100) / 100.0);
        attributes.put("payment.currency", "EUR");
        attributes.put("thread.name", "grpc-default-executor-" + random.nextInt(16));
        attributes.put("thread.id", (long) (30 + random.nextInt(200)));
        return new SpanRecord(traceId, spanId, parent, "", 1, "shop.payments.v1.PaymentService/Authorize", kind, start,
                start + duration, failed ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET, "", service,
                resource(service), "io.opentelemetry.grpc-1.6", "2.10.0-alpha", attributes, List.of(), List.of(), 0, 0, 0);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
