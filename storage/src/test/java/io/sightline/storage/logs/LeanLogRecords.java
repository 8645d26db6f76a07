package io.sightline.storage.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lean log records as the search benchmark sends them ({@code bin/bench logs-search}: sample-api's
 * LogBatchGenerator in backfill mode with {@code --lean}, after the OTLP mapping): time, severity and
 * a body of ~200 bytes (access-log lines and application messages with hex ids and numbers, 1% of
 * them timeout messages), one resource of five attributes per service, no record attributes and no
 * trace context. Storage cannot depend on sample-api, so the body shapes are redrawn here; they use
 * the same templates and value ranges, not the same random sequence. Also renders each record as the
 * benchmark's raw text line ({@code time service=S level=L body\n}). Deterministic for a seed; not
 * thread-safe.
 */
final class LeanLogRecords {
    private static final String[] SERVICES = {"frontend", "checkout", "cart", "payment", "inventory"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"};
    private static final String[][] ROUTES = {
        {"GET", "/api/v1/products/{sku}"}, {"GET", "/api/v1/products"}, {"GET", "/api/v1/orders/{orderId}"},
        {"POST", "/api/v1/orders"}, {"POST", "/api/v1/cart/{cartId}/items"},
        {"DELETE", "/api/v1/cart/{cartId}/items/{sku}"}, {"GET", "/api/v1/users/{userId}/profile"},
        {"PUT", "/api/v1/users/{userId}/address"}, {"POST", "/api/v1/payments/{orderId}/authorize"},
        {"GET", "/api/v1/search"},
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "okhttp/4.12.0", "Go-http-client/1.1", "curl/8.5.0",
    };
    private static final String[] REFERERS = {"/", "/cart", "/checkout/payment", "/products/garden", "/search?q=lamp", "/account/orders"};
    private static final String[] WORDS = {
        "retrying", "upstream", "cache", "warm", "cold", "pool", "queue", "batch", "flushed", "accepted", "deferred",
        "replica", "primary", "lease", "renewed", "throttled", "shard", "rebalanced", "snapshot", "compacted", "token",
        "refreshed", "session", "expired", "quota", "checkpoint", "committed", "handshake", "resolved", "degraded",
    };
    private static final String[] TIMEOUT_TARGETS = {
        "inventory.internal:8080", "psp-1.payments.internal:443", "orders-db-replica-2:5432", "redis-cart-0:6379",
        "search.internal:9200", "ledger.internal:8443",
    };
    private static final String[] ENVIRONMENTS = {"production", "production", "production", "staging"};
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final SplittableRandom random;
    private final List<Map<String, Object>> resources = new ArrayList<>();

    LeanLogRecords(long seed) {
        this.random = new SplittableRandom(seed);
        for (int service = 0; service < SERVICES.length; service++) {
            SplittableRandom r = new SplittableRandom(service * 0x9E3779B97F4A7C15L + 17);
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("service.instance.id", String.format(Locale.ROOT, "%08x-%04x-4%03x-%04x-%012x",
                    r.nextInt() & 0xFFFFFFFFL, r.nextInt(0x10000), r.nextInt(0x1000), 0x8000 | r.nextInt(0x4000),
                    r.nextLong(1L << 48)));
            resource.put("service.version", "2." + r.nextInt(10) + "." + r.nextInt(30));
            resource.put("host.name", "node-" + (1 + r.nextInt(40)) + ".internal");
            resource.put("deployment.environment", ENVIRONMENTS[r.nextInt(ENVIRONMENTS.length)]);
            resource.put("telemetry.sdk.language", "java");
            resources.add(java.util.Collections.unmodifiableMap(resource));
        }
    }

    static int services() {
        return SERVICES.length;
    }

    /** One record of service {@code service} at {@code timeNanos}. */
    LogRecord record(int service, long timeNanos) {
        boolean timeout = random.nextInt(100) == 0;
        int p = random.nextInt(100);
        String level = timeout ? (random.nextInt(3) == 0 ? "ERROR" : "WARN")
                : p < 5 ? "DEBUG" : p < 85 ? "INFO" : p < 96 ? "WARN" : "ERROR";
        int severity = switch (level) {
            case "DEBUG" -> 5;
            case "INFO" -> 9;
            case "WARN" -> 13;
            default -> 17;
        };
        String[] route = ROUTES[random.nextInt(ROUTES.length)];
        long userId = 10_000 + random.nextInt(90_000);
        long orderId = 1_000_000 + random.nextInt(9_000_000);
        String sku = "SKU-" + (100_000 + random.nextInt(900_000));
        String target = route[1].replace("{sku}", sku).replace("{orderId}", Long.toString(orderId))
                .replace("{cartId}", "c" + Long.toHexString(random.nextLong(1L << 40))).replace("{userId}", "u-" + userId);
        int status = switch (level) {
            case "DEBUG", "INFO" -> route[0].equals("POST") ? 201 : (random.nextInt(10) == 0 ? 304 : 200);
            case "WARN" -> new int[] {400, 404, 409, 429}[random.nextInt(4)];
            default -> new int[] {500, 502, 503, 504}[random.nextInt(4)];
        };
        double durationMs = Math.round(Math.exp(random.nextDouble() * 6) * 100) / 100.0;
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String client = "10." + random.nextInt(8) + "." + random.nextInt(256) + "." + random.nextInt(256);
        String body = timeout ? timeoutMessage(route, durationMs, userId) : switch (random.nextInt(4)) {
            case 0, 1 -> client + " - u-" + userId + " \"" + route[0] + " " + target + " HTTP/1.1\" " + status + " "
                    + (200 + random.nextInt(40_000)) + " " + durationMs + "ms \"https://shop.example.com"
                    + REFERERS[random.nextInt(REFERERS.length)] + "\" \"" + AGENTS[random.nextInt(AGENTS.length)]
                    + "\" rid=" + Long.toHexString(random.nextLong());
            default -> message(level, userId, orderId, sku, durationMs, region) + " request_id="
                    + Long.toHexString(random.nextLong());
        };
        return new LogRecord(timeNanos, timeNanos, severity, level, body, SERVICES[service], resources.get(service),
                "io.sightline.sample.load", "1.0.0", Map.of(), "", "", 0);
    }

    /** The benchmark's raw text line of a record, newline included. */
    static String rawLine(LogRecord record) {
        long nanos = record.timestampNanos();
        return TIME.format(java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L))) + " service=" + record.serviceName() + " level="
                + record.severityText() + " " + record.body() + "\n";
    }

    private String timeoutMessage(String[] route, double durationMs, long userId) {
        String target = TIMEOUT_TARGETS[random.nextInt(TIMEOUT_TARGETS.length)];
        int limitMs = new int[] {500, 1000, 2000, 5000}[random.nextInt(4)];
        return random.nextInt(2) == 0
                ? "upstream call to " + target + " failed: timeout after " + limitMs + " ms (attempt "
                        + (1 + random.nextInt(3)) + "/3) while serving " + route[0] + " " + route[1] + " for user u-"
                        + userId + " request_id=" + Long.toHexString(random.nextLong())
                : "read timeout on connection to " + target + " after " + limitMs + " ms, elapsed " + durationMs
                        + " ms, pool active=" + random.nextInt(20) + "/20, circuit breaker "
                        + (random.nextInt(4) == 0 ? "opened" : "closed") + " request_id=" + Long.toHexString(random.nextLong());
    }

    private String message(String level, long userId, long orderId, String sku, double durationMs, String region) {
        StringBuilder words = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            words.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return switch (level) {
            case "DEBUG" -> "cache miss for key product:" + sku + " in " + region + ", loading from replica "
                    + random.nextInt(6) + "; ttl=" + (30 + random.nextInt(600)) + "s size=" + random.nextInt(65_536)
                    + " bytes, hit ratio last minute " + random.nextInt(100) + "% (" + words + ")";
            case "INFO" -> "order " + orderId + " placed by user u-" + userId + ": " + (1 + random.nextInt(9))
                    + " items, total " + random.nextInt(900) + "." + random.nextInt(10) + random.nextInt(10)
                    + " EUR, payment=card, ship to " + region + ", cart cleared in " + durationMs + " ms; " + words;
            case "WARN" -> "slow query on orders_" + random.nextInt(16) + " took " + (250 + random.nextInt(4000))
                    + " ms (threshold 250 ms) for user u-" + userId + "; rows=" + random.nextInt(50_000)
                    + ", plan=index scan, pool active=" + random.nextInt(20) + "/20, " + words;
            default -> "payment authorization failed for order " + orderId + ": upstream psp-" + random.nextInt(4)
                    + ".payments.internal returned 503 after " + durationMs + " ms, retry " + (1 + random.nextInt(3))
                    + "/3, idempotency key " + Long.toHexString(random.nextLong()) + ", " + words;
        };
    }
}
