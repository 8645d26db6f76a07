package io.sightline.sample.services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders service's orders, in memory. Only the newest {@link #CAPACITY} are kept, so a long
 * load run cannot fill the heap. Thread-safe (one lock; the operations are tiny).
 */
final class OrderBook {
    /** Orders remembered for {@code GET /orders/{id}}; older ones answer 404. */
    static final int CAPACITY = 10_000;

    /** An accepted order. */
    record Order(String id, String sku, int quantity, int remaining) {
        Map<String, Object> fields() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("sku", sku);
            out.put("quantity", quantity);
            out.put("status", "reserved");
            out.put("remaining", remaining);
            return out;
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Order> orders = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > CAPACITY;
        }
    };

    Order add(String sku, int quantity, int remaining) {
        Order order = new Order(String.format("ord-%06d", sequence.incrementAndGet()), sku, quantity, remaining);
        synchronized (orders) {
            orders.put(order.id(), order);
        }
        return order;
    }

    Optional<Order> find(String id) {
        synchronized (orders) {
            return Optional.ofNullable(orders.get(id));
        }
    }
}
