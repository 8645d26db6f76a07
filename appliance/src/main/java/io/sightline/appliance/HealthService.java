package io.sightline.appliance;

import java.util.function.BooleanSupplier;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * {@code /-/healthy} (the process serves HTTP) and {@code /-/ready} (every receiver and store is
 * up), answered as Prometheus answers them, for GET and HEAD.
 */
final class HealthService implements HttpService {
    private final BooleanSupplier ready;

    HealthService(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void routing(HttpRules rules) {
        Handler healthy = (request, response) -> response.send("Sightline is Healthy.\n");
        Handler readiness = (request, response) -> {
            if (ready.getAsBoolean()) {
                response.send("Sightline is Ready.\n");
            } else {
                response.status(Status.SERVICE_UNAVAILABLE_503).send("Sightline is not ready.\n");
            }
        };
        rules.get("/healthy", healthy).head("/healthy", healthy)
                .get("/ready", readiness).head("/ready", readiness);
    }
}
