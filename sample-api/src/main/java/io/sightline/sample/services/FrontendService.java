package io.sightline.sample.services;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code frontend}, the gateway: the public API, each endpoint forwarded to {@code inventory} or
 * {@code orders}, whose answers below 500 pass through unchanged.
 */
final class FrontendService implements HttpService {
    private final ServiceKit kit;
    private final DependencyClient orders;
    private final DependencyClient inventory;

    FrontendService(ServiceKit kit, DependencyClient orders, DependencyClient inventory) {
        this.kit = kit;
        this.orders = orders;
        this.inventory = inventory;
    }

    @Override
    public void routing(HttpRules rules) {
        kit.routes().get(rules, "/api/stock/{sku}", this::stock)
                .post(rules, "/api/orders", this::createOrder)
                .get(rules, "/api/orders/{id}", this::findOrder);
    }

    private Reply stock(ServerRequest request) {
        String sku = OrderRequest.requireIdentifier("sku", request.path().pathParameters().get("sku"));
        return passOn(inventory.call("GET", "/inventory/{sku}", "/inventory/" + sku, null));
    }

    private Reply createOrder(ServerRequest request) {
        OrderRequest order = OrderRequest.read(request);
        return passOn(orders.call("POST", "/orders", "/orders", order.json()));
    }

    private Reply findOrder(ServerRequest request) {
        String id = OrderRequest.requireIdentifier("id", request.path().pathParameters().get("id"));
        return passOn(orders.call("GET", "/orders/{id}", "/orders/" + id, null));
    }

    private static Reply passOn(DependencyClient.Answer answer) {
        Pause.randomMicros(100, 800);
        return new Reply(answer.status(), answer.json());
    }
}
