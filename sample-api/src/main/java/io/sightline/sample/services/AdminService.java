package io.sightline.sample.services;

import java.util.Map;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Every service's untraced endpoints: {@code GET /healthz} and the service's own faults,
 * {@code GET /admin/faults} and {@code PUT /admin/faults} (a body naming only some fields keeps
 * the others; a bad field answers 400 naming it).
 */
final class AdminService implements HttpService {
    private final String service;
    private final FaultState faults;

    AdminService(String service, FaultState faults) {
        this.service = service;
        this.faults = faults;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/healthz", (request, response) -> json(response, 200,
                        FlatJson.write(Map.of("status", "ok", "service", service))))
                .get("/admin/faults", (request, response) -> json(response, 200,
                        FaultSettingsJson.write(faults.settings())))
                .put("/admin/faults", this::putFaults);
    }

    private void putFaults(ServerRequest request, ServerResponse response) {
        try {
            FaultSettings updated = FaultSettingsJson.read(OrderRequest.bodyOf(request), faults.settings());
            faults.set(updated);
            json(response, 200, FaultSettingsJson.write(updated));
        } catch (BadRequestException e) {
            json(response, 400, FlatJson.write(Map.of("error", e.getMessage())));
        }
    }

    private static void json(ServerResponse response, int status, String body) {
        response.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(body);
    }
}
