package io.sightline.sample.services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code inventory}: stock levels behind a cache and a (simulated) database.
 * {@code GET /inventory/{sku}} looks in the cache and queries the database on a miss;
 * {@code POST /inventory/reserve} takes units in the database and refreshes the cache.
 */
final class InventoryService implements HttpService {
    private final ServiceKit kit;
    private final StockCache cache;
    private final SimulatedDatabase database;

    InventoryService(ServiceKit kit) {
        this.kit = kit;
        this.cache = new StockCache(kit.telemetry());
        this.database = new SimulatedDatabase(kit.telemetry(), kit.faults(), kit.log());
    }

    @Override
    public void routing(HttpRules rules) {
        kit.routes().get(rules, "/inventory/{sku}", this::stock)
                .post(rules, "/inventory/reserve", this::reserve);
    }

    private Reply stock(ServerRequest request) {
        String sku = OrderRequest.requireIdentifier("sku", request.path().pathParameters().get("sku"));
        OptionalInt cached = cache.get(sku);
        if (cached.isPresent()) {
            return Reply.of(200, level(sku, cached.getAsInt(), "cache"));
        }
        OptionalInt stored = database.selectAvailable(sku);
        if (stored.isEmpty()) {
            return unknown(sku);
        }
        cache.put(sku, stored.getAsInt());
        return Reply.of(200, level(sku, stored.getAsInt(), "database"));
    }

    private Reply reserve(ServerRequest request) {
        OrderRequest order = OrderRequest.read(request);
        OptionalInt left = database.reserve(order.sku(), order.quantity());
        if (left.isEmpty()) {
            return unknown(order.sku());
        }
        cache.put(order.sku(), left.getAsInt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", order.sku());
        out.put("reserved", order.quantity());
        out.put("available", left.getAsInt());
        return Reply.of(200, out);
    }

    private static Map<String, Object> level(String sku, int available, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        out.put("available", available);
        out.put("source", source);
        return out;
    }

    static Reply unknown(String sku) {
        return Reply.error(404, "unknown sku " + sku + "; the catalogue is SKU-1 to SKU-" + SimulatedDatabase.SKUS);
    }
}
