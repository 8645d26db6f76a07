package io.sightline.sample.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Makes realistic OTLP log batches: one service's resource, about 200-byte bodies (access-log
 * lines and application messages with ids and numbers), ten attributes per record, mostly INFO
 * with some DEBUG, WARN and ERROR, and trace context on nine records in ten.
 *
 * <p>A {@link Backfill} request (the search benchmark's corpus) instead stamps each record with its
 * own time, can leave out the attributes and trace context ({@link Backfill#lean()}: a plain log
 * line's information), turns a share of records into timeout messages (the only bodies that contain
 * {@code timeout}) and appends a token to chosen records. The plain {@link #request(int, int, long)}
 * draws exactly the random numbers it always drew, so its bodies do not change.
 *
 * <p>Deterministic for a seed. Not thread-safe: one generator per thread.
 */
final class LogBatchGenerator {

    static final String SCOPE_NAME = "io.sightline.sample.load";

    /** Share of records that carry a trace and span id, in percent. */
    static final int TRACED_PERCENT = 90;

    private static final String[] SERVICE_NAMES = {
        "frontend", "checkout", "cart", "payment", "inventory", "shipping", "catalog", "auth",
        "search", "recommendation", "email", "ledger",
    };
    private static final String[] REGIONS = {
        "eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1",
    };
    private static final String[] ENVIRONMENTS = {"production", "production", "production", "staging"};
    private static final Route[] ROUTES = {
        new Route("GET", "/api/v1/products/{sku}"),
        new Route("GET", "/api/v1/products"),
        new Route("GET", "/api/v1/orders/{orderId}"),
        new Route("POST", "/api/v1/orders"),
        new Route("POST", "/api/v1/cart/{cartId}/items"),
        new Route("DELETE", "/api/v1/cart/{cartId}/items/{sku}"),
        new Route("GET", "/api/v1/users/{userId}/profile"),
        new Route("PUT", "/api/v1/users/{userId}/address"),
        new Route("POST", "/api/v1/payments/{orderId}/authorize"),
        new Route("GET", "/api/v1/search"),
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "okhttp/4.12.0",
        "Go-http-client/1.1",
        "curl/8.5.0",
    };
    private static final String[] REFERERS = {
        "/", "/cart", "/checkout/payment", "/products/garden", "/search?q=lamp", "/account/orders",
    };
    private static final String[] WORDS = {
        "retrying", "upstream", "cache", "warm", "cold", "pool", "queue", "batch", "flushed",
        "accepted", "deferred", "replica", "primary", "lease", "renewed", "throttled", "shard",
        "rebalanced", "snapshot", "compacted", "token", "refreshed", "session", "expired", "quota",
        "checkpoint", "committed", "handshake", "resolved", "degraded",
    };
    private static final String[] EXCEPTIONS = {
        "java.net.SocketTimeoutException", "java.sql.SQLTransientConnectionException",
        "io.grpc.StatusRuntimeException", "java.lang.IllegalStateException",
    };

    private static final String[] TIMEOUT_TARGETS = {
        "inventory.internal:8080", "psp-1.payments.internal:443", "orders-db-replica-2:5432",
        "redis-cart-0:6379", "search.internal:9200", "ledger.internal:8443",
    };

    /**
     * What a backfill request changes about its records.
     *
     * @param lean records without attributes and trace context
     * @param timeoutPercent share of records, in percent, whose body reports a timeout (as WARN or
     *     ERROR); 0 = none, and then no random number is drawn for it
     * @param token appended to the body of the records {@code carriesToken} picks; null = none
     */
    record Backfill(boolean lean, double timeoutPercent, String token) {
        static final Backfill NONE = new Backfill(false, 0, null);
    }

    private final SplittableRandom random;
    private final int serviceCount;

    LogBatchGenerator(long seed, int serviceCount) {
        if (serviceCount < 1) {
            throw new IllegalArgumentException("services must be at least 1: " + serviceCount);
        }
        this.random = new SplittableRandom(seed);
        this.serviceCount = serviceCount;
    }

    /** The {@code service.name} of service {@code index} (0-based); distinct for every index. */
    static String serviceName(int index) {
        String base = SERVICE_NAMES[index % SERVICE_NAMES.length];
        int round = index / SERVICE_NAMES.length;
        return round == 0 ? base : base + "-" + (round + 1);
    }

    /**
     * One export request of {@code records} records from service {@code serviceIndex}, stamped
     * with {@code timeUnixNano} (senders overwrite the stamps just before sending).
     */
    ExportLogsServiceRequest request(int serviceIndex, int records, long timeUnixNano) {
        long[] times = new long[records];
        Arrays.fill(times, timeUnixNano);
        return request(serviceIndex, times, Backfill.NONE, i -> false);
    }

    /**
     * One export request from service {@code serviceIndex} with a record per entry of
     * {@code timesUnixNano}, each stamped with its own time, shaped by {@code backfill}; record
     * {@code i} gets the backfill's token when {@code carriesToken} says so.
     */
    ExportLogsServiceRequest request(int serviceIndex, long[] timesUnixNano, Backfill backfill,
            IntPredicate carriesToken) {
        int service = Math.floorMod(serviceIndex, serviceCount);
        // The resource depends only on the service, so a service keeps its instance id across bodies.
        SplittableRandom resourceRandom = new SplittableRandom(service * 0x9E3779B97F4A7C15L + 17);
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME).setVersion("1.0.0"));
        for (int i = 0; i < timesUnixNano.length; i++) {
            String token = backfill.token() != null && carriesToken.test(i) ? backfill.token() : null;
            scope.addLogRecords(record(timesUnixNano[i], backfill, token));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(resource(service, resourceRandom))
                        .addScopeLogs(scope))
                .build();
    }

    private static Resource resource(int service, SplittableRandom r) {
        String instance = String.format(Locale.ROOT, "%08x-%04x-4%03x-%04x-%012x",
                r.nextInt() & 0xFFFFFFFFL, r.nextInt(0x10000), r.nextInt(0x1000),
                0x8000 | r.nextInt(0x4000), r.nextLong(1L << 48));
        return Resource.newBuilder()
                .addAttributes(kv("service.name", serviceName(service)))
                .addAttributes(kv("service.instance.id", instance))
                .addAttributes(kv("service.version", "2." + r.nextInt(10) + "." + r.nextInt(30)))
                .addAttributes(kv("host.name", "node-" + (1 + r.nextInt(40)) + ".internal"))
                .addAttributes(kv("deployment.environment", ENVIRONMENTS[r.nextInt(ENVIRONMENTS.length)]))
                .addAttributes(kv("telemetry.sdk.language", "java"))
                .build();
    }

    private LogRecord record(long timeUnixNano, Backfill backfill, String token) {
        boolean timeout = backfill.timeoutPercent() > 0 && random.nextDouble() * 100 < backfill.timeoutPercent();
        Severity severity = timeout ? (random.nextInt(3) == 0 ? Severity.ERROR : Severity.WARN) : severity();
        Route route = ROUTES[random.nextInt(ROUTES.length)];
        long userId = 10_000 + random.nextInt(90_000);
        long orderId = 1_000_000 + random.nextInt(9_000_000);
        String sku = "SKU-" + (100_000 + random.nextInt(900_000));
        String target = route.template
                .replace("{sku}", sku)
                .replace("{orderId}", Long.toString(orderId))
                .replace("{cartId}", "c" + Long.toHexString(random.nextLong(1L << 40)))
                .replace("{userId}", "u-" + userId);
        int status = status(severity, route);
        double durationMs = Math.round(Math.exp(random.nextDouble() * 6) * 100) / 100.0;
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String client = "10." + random.nextInt(8) + "." + random.nextInt(256) + "." + random.nextInt(256);

        String body = timeout ? timeoutMessage(route, durationMs, userId) : switch (random.nextInt(4)) {
            case 0, 1 -> client + " - u-" + userId + " \"" + route.method + " " + target
                    + " HTTP/1.1\" " + status + " " + (200 + random.nextInt(40_000)) + " " + durationMs
                    + "ms \"https://shop.example.com" + REFERERS[random.nextInt(REFERERS.length)] + "\" \""
                    + AGENTS[random.nextInt(AGENTS.length)] + "\" rid=" + Long.toHexString(random.nextLong());
            default -> message(severity, userId, orderId, sku, durationMs, region)
                    + " request_id=" + Long.toHexString(random.nextLong());
        };
        if (token != null) {
            body = body + " " + token;
        }

        LogRecord.Builder b = LogRecord.newBuilder()
                .setTimeUnixNano(timeUnixNano)
                .setObservedTimeUnixNano(timeUnixNano)
                .setSeverityNumber(severity.number)
                .setSeverityText(severity.text)
                .setBody(AnyValue.newBuilder().setStringValue(body));
        if (backfill.lean()) {
            return b.build();
        }
        b.addAttributes(kv("http.method", route.method))
                .addAttributes(kv("http.route", route.template))
                .addAttributes(kv("http.target", target))
                .addAttributes(KeyValue.newBuilder().setKey("http.status_code")
                        .setValue(AnyValue.newBuilder().setIntValue(status)))
                .addAttributes(kv("user.id", "u-" + userId))
                .addAttributes(kv("session.id", Long.toHexString(random.nextLong())))
                .addAttributes(kv("region", region))
                .addAttributes(kv("client.address", client))
                .addAttributes(KeyValue.newBuilder().setKey("duration_ms")
                        .setValue(AnyValue.newBuilder().setDoubleValue(durationMs)))
                .addAttributes(kv("thread.name", "http-worker-" + random.nextInt(32)));
        if (severity == Severity.ERROR) {
            b.addAttributes(kv("exception.type", EXCEPTIONS[random.nextInt(EXCEPTIONS.length)]));
        }
        if (random.nextInt(100) < TRACED_PERCENT) {
            b.setTraceId(randomBytes(16)).setSpanId(randomBytes(8)).setFlags(1);
        }
        return b.build();
    }

    private String timeoutMessage(Route route, double durationMs, long userId) {
        String target = TIMEOUT_TARGETS[random.nextInt(TIMEOUT_TARGETS.length)];
        int limitMs = new int[] {500, 1000, 2000, 5000}[random.nextInt(4)];
        return switch (random.nextInt(2)) {
            case 0 -> "upstream call to " + target + " failed: timeout after " + limitMs + " ms (attempt "
                    + (1 + random.nextInt(3)) + "/3) while serving " + route.method + " " + route.template
                    + " for user u-" + userId + " request_id=" + Long.toHexString(random.nextLong());
            default -> "read timeout on connection to " + target + " after " + limitMs + " ms, elapsed "
                    + durationMs + " ms, pool active=" + random.nextInt(20) + "/20, circuit breaker "
                    + (random.nextInt(4) == 0 ? "opened" : "closed") + " request_id="
                    + Long.toHexString(random.nextLong());
        };
    }

    private String message(Severity severity, long userId, long orderId, String sku,
            double durationMs, String region) {
        StringBuilder words = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            words.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return switch (severity) {
            case DEBUG -> "cache miss for key product:" + sku + " in " + region + ", loading from replica "
                    + random.nextInt(6) + "; ttl=" + (30 + random.nextInt(600)) + "s size="
                    + random.nextInt(65_536) + " bytes, hit ratio last minute " + random.nextInt(100)
                    + "% (" + words + ")";
            case INFO -> "order " + orderId + " placed by user u-" + userId + ": " + (1 + random.nextInt(9))
                    + " items, total " + random.nextInt(900) + "." + random.nextInt(10) + random.nextInt(10)
                    + " EUR, payment=card, ship to " + region + ", cart cleared in " + durationMs
                    + " ms; " + words;
            case WARN -> "slow query on orders_" + random.nextInt(16) + " took " + (250 + random.nextInt(4000))
                    + " ms (threshold 250 ms) for user u-" + userId + "; rows=" + random.nextInt(50_000)
                    + ", plan=index scan, pool active=" + random.nextInt(20) + "/20, " + words;
            case ERROR -> "payment authorization failed for order " + orderId + ": upstream psp-"
                    + random.nextInt(4) + ".payments.internal returned 503 after " + durationMs
                    + " ms, retry " + (1 + random.nextInt(3)) + "/3, idempotency key "
                    + Long.toHexString(random.nextLong()) + ", " + words;
        };
    }

    private Severity severity() {
        int p = random.nextInt(100);
        if (p < 5) {
            return Severity.DEBUG;
        }
        if (p < 85) {
            return Severity.INFO;
        }
        return p < 96 ? Severity.WARN : Severity.ERROR;
    }

    private int status(Severity severity, Route route) {
        return switch (severity) {
            case DEBUG, INFO -> route.method.equals("POST") ? 201 : (random.nextInt(10) == 0 ? 304 : 200);
            case WARN -> new int[] {400, 404, 409, 429}[random.nextInt(4)];
            case ERROR -> new int[] {500, 502, 503, 504}[random.nextInt(4)];
        };
    }

    private ByteString randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        bytes[0] |= 1; // an all-zero id is invalid in OTLP
        return ByteString.copyFrom(bytes);
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private record Route(String method, String template) {}

    enum Severity {
        DEBUG(SeverityNumber.SEVERITY_NUMBER_DEBUG, "DEBUG"),
        INFO(SeverityNumber.SEVERITY_NUMBER_INFO, "INFO"),
        WARN(SeverityNumber.SEVERITY_NUMBER_WARN, "WARN"),
        ERROR(SeverityNumber.SEVERITY_NUMBER_ERROR, "ERROR");

        final SeverityNumber number;
        final String text;

        Severity(SeverityNumber number, String text) {
            this.number = number;
            this.text = text;
        }
    }

    /** All the service names a generator with {@code count} services uses. */
    static List<String> serviceNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(serviceName(i));
        }
        return names;
    }
}
