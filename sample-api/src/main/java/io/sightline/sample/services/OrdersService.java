package io.sightline.sample.services;

import java.math.BigDecimal;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code orders}: {@code POST /orders} reserves the units at {@code inventory} and records the
 * order; {@code GET /orders/{id}} looks one up (404 when unknown or long gone).
 */
final class OrdersService implements HttpService {
    private final ServiceKit kit;
    private final DependencyClient inventory;
    private final OrderBook book = new OrderBook();

    OrdersService(ServiceKit kit, DependencyClient inventory) {
        this.kit = kit;
        this.inventory = inventory;
    }

    @Override
    public void routing(HttpRules rules) {
        kit.routes().post(rules, "/orders", this::create)
                .get(rules, "/orders/{id}", this::find);
    }

    private Reply create(ServerRequest request) {
        OrderRequest order = OrderRequest.read(request);
        Pause.randomMicros(500, 3_000);
        DependencyClient.Answer answer = inventory.call("POST", "/inventory/reserve", "/inventory/reserve", order.json());
        if (answer.status() != 200) {
            return new Reply(answer.status(), answer.json());
        }
        int remaining = FlatJson.parse(answer.json()).get("available") instanceof BigDecimal n ? n.intValue() : -1;
        return Reply.of(201, book.add(order.sku(), order.quantity(), remaining).fields());
    }

    private Reply find(ServerRequest request) {
        String id = OrderRequest.requireIdentifier("id", request.path().pathParameters().get("id"));
        Pause.randomMicros(200, 1_500);
        return book.find(id)
                .map(order -> Reply.of(200, order.fields()))
                .orElseGet(() -> Reply.error(404, "unknown order " + id));
    }
}
