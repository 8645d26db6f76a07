package io.sightline.sample.load;

import io.sightline.sample.load.GeneratedTrace.Attribute;
import io.sightline.sample.load.TraceBuilder.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Span names and attributes from the OpenTelemetry semantic conventions, as instrumentation
 * libraries set them: HTTP server and client, gRPC, database clients (postgresql, redis,
 * elasticsearch), Kafka producer and consumer, and internal code spans. Each ends with the four
 * attributes every span of the shop carries ({@code thread.name}, {@code enduser.id},
 * {@code session.id}, {@code app.request.id}), about 15 in all. Values draw on the trace's
 * {@link TraceBuilder#random}; stateless otherwise.
 */
final class SpanAttributes {

    private SpanAttributes() {}

    static Named httpServer(TraceBuilder t, String method, String route, String path, int status) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("http.request.method", method));
        a.add(new Attribute("http.route", route));
        a.add(new Attribute("url.path", path));
        a.add(new Attribute("url.scheme", "https"));
        a.add(new Attribute("http.response.status_code", (long) status));
        a.add(new Attribute("server.address", "shop.example.com"));
        a.add(new Attribute("server.port", 443L));
        a.add(new Attribute("network.peer.address", "10.20.0." + (2 + t.random.nextInt(250))));
        a.add(new Attribute("network.protocol.version", "1.1"));
        a.add(new Attribute("user_agent.original", t.userAgent));
        a.add(new Attribute("client.address", t.clientAddress));
        return common(t, method + " " + route, a);
    }

    static Named httpClient(TraceBuilder t, String method, String host, int port, String target, int status) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("http.request.method", method));
        a.add(new Attribute("url.full", (port == 443 ? "https://" : "http://") + host + ":" + port + target));
        a.add(new Attribute("server.address", host));
        a.add(new Attribute("server.port", (long) port));
        a.add(new Attribute("network.peer.address", "10.20." + t.random.nextInt(8) + "." + (2 + t.random.nextInt(250))));
        a.add(new Attribute("network.peer.port", (long) port));
        a.add(new Attribute("http.response.status_code", (long) status));
        a.add(new Attribute("network.protocol.version", "1.1"));
        a.add(new Attribute("http.request.body.size", (long) (method.equals("GET") ? 0 : 200 + t.random.nextInt(1800))));
        a.add(new Attribute("http.response.body.size", (long) (300 + t.random.nextInt(20_000))));
        a.add(new Attribute("peer.service", host));
        return common(t, method, a);
    }

    /** A gRPC call, client or server side; {@code code} is the gRPC status (0 OK, 2 UNKNOWN, 14 UNAVAILABLE). */
    static Named rpc(TraceBuilder t, String service, String method, String host, int code) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("rpc.system", "grpc"));
        a.add(new Attribute("rpc.service", service));
        a.add(new Attribute("rpc.method", method));
        a.add(new Attribute("rpc.grpc.status_code", (long) code));
        a.add(new Attribute("server.address", host));
        a.add(new Attribute("server.port", 50051L));
        a.add(new Attribute("network.peer.address", "10.20." + t.random.nextInt(8) + "." + (2 + t.random.nextInt(250))));
        a.add(new Attribute("network.peer.port", 50051L));
        a.add(new Attribute("network.transport", "tcp"));
        a.add(new Attribute("network.type", "ipv4"));
        a.add(new Attribute("rpc.message.uncompressed_size", (long) (40 + t.random.nextInt(4000))));
        return common(t, service + "/" + method, a);
    }

    /** A database client call; {@code system} is {@code db.system} (postgresql, elasticsearch). */
    static Named sql(TraceBuilder t, String system, String namespace, String operation, String collection,
            String statement) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("db.system", system));
        a.add(new Attribute("db.namespace", namespace));
        a.add(new Attribute("db.statement", statement));
        a.add(new Attribute("db.operation.name", operation));
        a.add(new Attribute("db.collection.name", collection));
        a.add(new Attribute("server.address", namespace + "-db-" + t.random.nextInt(3) + ".internal"));
        a.add(new Attribute("server.port", system.equals("postgresql") ? 5432L : 9200L));
        a.add(new Attribute("network.peer.address", "10.30." + t.random.nextInt(4) + "." + (2 + t.random.nextInt(250))));
        a.add(new Attribute("network.peer.port", system.equals("postgresql") ? 5432L : 9200L));
        a.add(new Attribute("db.user", namespace + "_app"));
        a.add(new Attribute("db.response.returned_rows", (long) t.random.nextInt(50)));
        return common(t, operation + " " + collection, a);
    }

    static Named redis(TraceBuilder t, String command, String key) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("db.system", "redis"));
        a.add(new Attribute("db.namespace", "0"));
        a.add(new Attribute("db.statement", command + " " + key));
        a.add(new Attribute("db.operation.name", command));
        a.add(new Attribute("server.address", "redis-" + t.random.nextInt(3) + ".internal"));
        a.add(new Attribute("server.port", 6379L));
        a.add(new Attribute("network.peer.address", "10.40.0." + (2 + t.random.nextInt(250))));
        a.add(new Attribute("network.peer.port", 6379L));
        a.add(new Attribute("network.transport", "tcp"));
        a.add(new Attribute("db.redis.database_index", 0L));
        a.add(new Attribute("db.client.connection.pool.name", "lettuce-" + t.random.nextInt(4)));
        return common(t, command, a);
    }

    /** A Kafka send ({@code consumer} false) or process of an order message. */
    static Named messaging(TraceBuilder t, String type, String operation, long order, boolean consumer) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("messaging.system", "kafka"));
        a.add(new Attribute("messaging.destination.name", "orders"));
        a.add(new Attribute("messaging.operation.type", type));
        a.add(new Attribute("messaging.operation.name", operation));
        a.add(new Attribute("messaging.kafka.message.key", Long.toString(order)));
        a.add(new Attribute("messaging.destination.partition.id", Integer.toString(t.random.nextInt(12))));
        a.add(new Attribute("messaging.message.id", Long.toHexString(t.random.nextLong())));
        a.add(new Attribute("messaging.message.body.size", (long) (300 + t.random.nextInt(900))));
        a.add(new Attribute("server.address", "kafka-" + t.random.nextInt(3) + ".internal"));
        a.add(new Attribute("server.port", 9092L));
        a.add(consumer ? new Attribute("messaging.consumer.group.name", "shipping")
                : new Attribute("messaging.client.id", "checkout-producer-1"));
        return common(t, type + " orders", a);
    }

    static Named internal(TraceBuilder t, String type, String function) {
        List<Attribute> a = new ArrayList<>(16);
        a.add(new Attribute("code.function.name", "io.shop.cart." + type + "." + function));
        a.add(new Attribute("code.namespace", "io.shop.cart." + type));
        a.add(new Attribute("code.file.path", "io/shop/cart/" + type + ".java"));
        a.add(new Attribute("code.line.number", (long) (20 + t.random.nextInt(300))));
        a.add(new Attribute("app.cart.items", (long) (1 + t.random.nextInt(12))));
        a.add(new Attribute("app.cart.total", Math.round(t.random.nextDouble() * 90_000) / 100.0));
        a.add(new Attribute("app.cart.currency", "EUR"));
        a.add(new Attribute("app.product.sku", "SKU-" + (100_000 + t.random.nextInt(900_000))));
        a.add(new Attribute("app.cart.valid", true));
        a.add(new Attribute("app.feature.flag", t.random.nextInt(10) == 0 ? "new-pricing" : "baseline"));
        a.add(new Attribute("app.cache.hit", t.random.nextBoolean()));
        return common(t, function, a);
    }

    private static Named common(TraceBuilder t, String name, List<Attribute> a) {
        a.add(new Attribute("thread.name", "worker-" + t.random.nextInt(64)));
        a.add(new Attribute("enduser.id", t.userId));
        a.add(new Attribute("session.id", t.sessionId));
        a.add(new Attribute("app.request.id", Long.toHexString(t.random.nextLong())));
        return new Named(name, a);
    }
}
