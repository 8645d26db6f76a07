package io.sightline.sample.load;

import io.sightline.sample.load.GeneratedTrace.Attribute;
import io.sightline.sample.load.GeneratedTrace.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes realistic traces of a shop's API, in batches of an exact number of spans: a product page
 * (frontend → catalog → redis, sometimes postgresql), adding to the cart (frontend → cart over gRPC,
 * an internal validation, redis), a checkout (frontend → checkout → cart, payment → the payment
 * provider over HTTPS, postgresql, a Kafka message consumed by shipping) and a search (frontend →
 * search → elasticsearch). Server, client, internal, producer and consumer spans carry about 15
 * attributes each from the OpenTelemetry semantic conventions ({@link SpanAttributes}).
 *
 * <p>Durations: the root's is log-normal with a median of {@value #ROOT_MEDIAN_MS} ms and σ = 1, so
 * 1% of traces last over 500 ms ({@code ln(500/49) ≈ 2.33σ}, the 99th percentile), which is what a
 * {@code minDuration=500ms} search over the frontend selects; children share their parent's time.
 * About 2% of traces fail at a leaf (a database error, a declined payment, a timeout): the leaf has
 * an {@code exception} event, it and its ancestors have status ERROR and error status codes.
 *
 * <p>Deterministic for a seed. Not thread-safe: one generator per thread.
 */
final class SpanBatchGenerator {

    /** The services, by index; the frontend (0) is every trace's root. */
    static final List<String> SERVICES =
            List.of("frontend", "catalog", "cart", "checkout", "payment", "shipping", "search");
    static final int FRONTEND = 0;
    static final int CATALOG = 1;
    static final int CART = 2;
    static final int CHECKOUT = 3;
    static final int PAYMENT = 4;
    static final int SHIPPING = 5;
    static final int SEARCH = 6;

    /** The root's median duration; with σ = 1 the 99th percentile is 500 ms. */
    static final int ROOT_MEDIAN_MS = 49;
    static final double ROOT_SIGMA = 1.0;
    /** Share of traces that fail at a leaf, in percent. */
    static final int ERROR_PERCENT = 2;
    /** The largest trace shape (a checkout); a batch must hold at least this many spans. */
    static final int LARGEST_TRACE = 13;

    private final SplittableRandom random;

    SpanBatchGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Whole traces with {@code spans} spans in all; the last trace is shaped to fill the batch
     * exactly, so a batch of fewer than {@value #LARGEST_TRACE} spans holds only small traces.
     */
    List<GeneratedTrace> batch(int spans) {
        if (spans < 1) {
            throw new IllegalArgumentException("spans must be at least 1: " + spans);
        }
        List<GeneratedTrace> traces = new ArrayList<>();
        int left = spans;
        while (left > 0) {
            GeneratedTrace trace = trace(left);
            traces.add(trace);
            left -= trace.spans().size();
        }
        return traces;
    }

    /** One trace of at most {@code maxSpans} spans (at least 1). */
    GeneratedTrace trace(int maxSpans) {
        TraceBuilder t = new TraceBuilder(random, nextId(), nextId());
        long rootNanos = rootDurationNanos();
        boolean fail = random.nextInt(100) < ERROR_PERCENT;
        int shape = random.nextInt(100);
        if (shape < 15 && maxSpans >= 13) {
            checkout(t, rootNanos, fail);
        } else if (shape < 35 && maxSpans >= 5) {
            addToCart(t, rootNanos, fail);
        } else if (shape < 55 && maxSpans >= 4) {
            search(t, rootNanos, fail);
        } else if (maxSpans >= 5) {
            productPage(t, rootNanos, fail, random.nextInt(10) < 3);
        } else if (maxSpans == 4) {
            productPage(t, rootNanos, false, false); // a failure would add the database span
        } else {
            productList(t, rootNanos, maxSpans - 1);
        }
        return t.build();
    }

    private long rootDurationNanos() {
        double ms = ROOT_MEDIAN_MS * Math.exp(ROOT_SIGMA * random.nextGaussian());
        return Math.max(2_000_000L, Math.min(30_000_000_000L, Math.round(ms * 1e6)));
    }

    private long nextId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    // ---- shapes -------------------------------------------------------------------------------

    private void productPage(TraceBuilder t, long d, boolean fail, boolean cacheMiss) {
        String sku = "SKU-" + (100_000 + random.nextInt(900_000));
        int status = fail ? 500 : 200;
        int root = t.add(-1, FRONTEND, Kind.SERVER, 0, d, fail,
                SpanAttributes.httpServer(t, "GET", "/api/v1/products/{sku}", "/api/v1/products/" + sku, status));
        int call = t.child(root, 0, 1, FRONTEND, Kind.CLIENT, fail,
                SpanAttributes.httpClient(t, "GET", "catalog", 8080, "/products/" + sku, status), "catalog");
        int server = t.server(call, CATALOG, fail,
                SpanAttributes.httpServer(t, "GET", "/products/{sku}", "/products/" + sku, status));
        t.child(server, 0, cacheMiss ? 2 : 1, CATALOG, Kind.CLIENT, false,
                SpanAttributes.redis(t, "GET", "product:" + sku), "redis");
        if (cacheMiss || fail) {
            int db = t.child(server, 1, 2, CATALOG, Kind.CLIENT, fail,
                    SpanAttributes.sql(t, "postgresql", "catalog", "SELECT", "products",
                            "SELECT id, name, price, stock FROM products WHERE sku = $1"), "postgresql");
            if (fail) {
                t.exception(db, "org.postgresql.util.PSQLException",
                        "ERROR: canceling statement due to statement timeout");
            }
        }
    }

    private void productList(TraceBuilder t, long d, int cacheReads) {
        int root = t.add(-1, FRONTEND, Kind.SERVER, 0, d, false,
                SpanAttributes.httpServer(t, "GET", "/api/v1/products", "/api/v1/products", 200));
        for (int i = 0; i < cacheReads; i++) {
            t.child(root, i, cacheReads, FRONTEND, Kind.CLIENT, false,
                    SpanAttributes.redis(t, "GET", "listing:page:" + (1 + i)), "redis");
        }
    }

    private void addToCart(TraceBuilder t, long d, boolean fail) {
        String cart = "c" + Long.toHexString(random.nextLong(1L << 40));
        int root = t.add(-1, FRONTEND, Kind.SERVER, 0, d, fail,
                SpanAttributes.httpServer(t, "POST", "/api/v1/cart/{cartId}/items",
                        "/api/v1/cart/" + cart + "/items", fail ? 503 : 201));
        int call = t.child(root, 0, 1, FRONTEND, Kind.CLIENT, fail,
                SpanAttributes.rpc(t, "cart.CartService", "AddItem", "cart", fail ? 14 : 0), "cart");
        int server = t.server(call, CART, fail,
                SpanAttributes.rpc(t, "cart.CartService", "AddItem", "cart", fail ? 14 : 0));
        t.child(server, 0, 2, CART, Kind.INTERNAL, false, SpanAttributes.internal(t, "CartValidator", "validateItem"), "");
        int redis = t.child(server, 1, 2, CART, Kind.CLIENT, fail,
                SpanAttributes.redis(t, "HSET", "cart:" + cart), "redis");
        if (fail) {
            t.exception(redis, "io.lettuce.core.RedisCommandTimeoutException", "Command timed out after 1 second(s)");
        }
    }

    private void checkout(TraceBuilder t, long d, boolean fail) {
        long order = 1_000_000 + random.nextInt(9_000_000);
        int root = t.add(-1, FRONTEND, Kind.SERVER, 0, d, fail,
                SpanAttributes.httpServer(t, "POST", "/api/v1/orders", "/api/v1/orders", fail ? 502 : 201));
        int call = t.child(root, 0, 1, FRONTEND, Kind.CLIENT, fail,
                SpanAttributes.rpc(t, "checkout.CheckoutService", "PlaceOrder", "checkout", fail ? 2 : 0), "checkout");
        int co = t.server(call, CHECKOUT, fail,
                SpanAttributes.rpc(t, "checkout.CheckoutService", "PlaceOrder", "checkout", fail ? 2 : 0));
        int getCart = t.child(co, 0, 4, CHECKOUT, Kind.CLIENT, false,
                SpanAttributes.rpc(t, "cart.CartService", "GetCart", "cart", 0), "cart");
        int cartServer = t.server(getCart, CART, false, SpanAttributes.rpc(t, "cart.CartService", "GetCart", "cart", 0));
        t.child(cartServer, 0, 1, CART, Kind.CLIENT, false, SpanAttributes.redis(t, "HGETALL", "cart:c" + order), "redis");
        int charge = t.child(co, 1, 4, CHECKOUT, Kind.CLIENT, fail,
                SpanAttributes.rpc(t, "payment.PaymentService", "Charge", "payment", fail ? 2 : 0), "payment");
        int pay = t.server(charge, PAYMENT, fail,
                SpanAttributes.rpc(t, "payment.PaymentService", "Charge", "payment", fail ? 2 : 0));
        int psp = t.child(pay, 0, 1, PAYMENT, Kind.CLIENT, fail,
                SpanAttributes.httpClient(t, "POST", "psp.example.net", 443, "/v2/charges", fail ? 402 : 200), "psp");
        if (fail) {
            t.exception(psp, "com.example.psp.PaymentDeclinedException", "card declined: insufficient funds (order "
                    + order + ")");
            return; // no order written, nothing shipped: 9 spans
        }
        t.child(co, 2, 4, CHECKOUT, Kind.CLIENT, false, SpanAttributes.sql(t, "postgresql", "orders", "INSERT", "orders",
                "INSERT INTO orders (id, user_id, total, currency) VALUES ($1, $2, $3, $4)"), "postgresql");
        int publish = t.child(co, 3, 4, CHECKOUT, Kind.PRODUCER, false,
                SpanAttributes.messaging(t, "publish", "send", order, false), "kafka");
        int consume = t.consumer(publish, SHIPPING, SpanAttributes.messaging(t, "process", "process", order, true));
        t.child(consume, 0, 1, SHIPPING, Kind.CLIENT, false, SpanAttributes.sql(t, "postgresql", "shipping", "INSERT",
                "shipments", "INSERT INTO shipments (order_id, carrier, status) VALUES ($1, $2, 'pending')"), "postgresql");
    }

    private void search(TraceBuilder t, long d, boolean fail) {
        String[] terms = {"lamp", "garden+chair", "usb-c+cable", "coffee", "running+shoes", "desk"};
        String q = terms[random.nextInt(terms.length)];
        int status = fail ? 504 : 200;
        int root = t.add(-1, FRONTEND, Kind.SERVER, 0, d, fail,
                SpanAttributes.httpServer(t, "GET", "/api/v1/search", "/api/v1/search", status));
        int call = t.child(root, 0, 1, FRONTEND, Kind.CLIENT, fail,
                SpanAttributes.httpClient(t, "GET", "search", 8080, "/search?q=" + q, status), "search");
        int server = t.server(call, SEARCH, fail, SpanAttributes.httpServer(t, "GET", "/search", "/search", status));
        int es = t.child(server, 0, 1, SEARCH, Kind.CLIENT, fail, SpanAttributes.sql(t, "elasticsearch", "products",
                "search", "products", "{\"query\":{\"match\":{\"name\":\"" + q.replace('+', ' ') + "\"}},\"size\":24}"),
                "elasticsearch");
        if (fail) {
            t.exception(es, "java.net.SocketTimeoutException", "30,000 milliseconds timeout on connection http-outgoing-"
                    + random.nextInt(64) + " [ACTIVE]");
        }
    }

    // ---- resources ----------------------------------------------------------------------------

    /** The resource attributes of service {@code service}; the same for every batch and seed. */
    static List<Attribute> resource(int service) {
        SplittableRandom r = new SplittableRandom(service * 0x9E3779B97F4A7C15L + 29);
        String instance = String.format(Locale.ROOT, "%08x-%04x-4%03x-%04x-%012x", r.nextInt() & 0xFFFFFFFFL,
                r.nextInt(0x10000), r.nextInt(0x1000), 0x8000 | r.nextInt(0x4000), r.nextLong(1L << 48));
        return List.of(
                new Attribute("service.name", SERVICES.get(service)),
                new Attribute("service.namespace", "shop"),
                new Attribute("service.version", "2." + r.nextInt(10) + "." + r.nextInt(30)),
                new Attribute("service.instance.id", instance),
                new Attribute("host.name", SERVICES.get(service) + "-" + Long.toHexString(r.nextLong(1L << 20))),
                new Attribute("deployment.environment.name", "production"),
                new Attribute("telemetry.sdk.name", "opentelemetry"),
                new Attribute("telemetry.sdk.language", "java"),
                new Attribute("telemetry.sdk.version", "1.67.0"));
    }

    /** The address of service {@code service}'s one instance, for Zipkin's {@code localEndpoint.ipv4}. */
    static String ipv4(int service) {
        return "10.20." + (1 + service) + "." + (10 + service * 7);
    }
}
