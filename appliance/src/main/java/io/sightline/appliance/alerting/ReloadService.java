package io.sightline.appliance.alerting;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * {@code POST /-/reload} (and PUT, as Prometheus): reloads the rule files; 200 when loaded, 500 with
 * the problems when not (the previous rules stay), as Prometheus's lifecycle endpoint answers.
 */
public final class ReloadService implements HttpService {
    private final Runnable rules;

    /** @param rules reloads, throwing {@link IllegalArgumentException} naming the problems of bad files */
    public ReloadService(Runnable rules) {
        this.rules = rules;
    }

    @Override
    public void routing(HttpRules http) {
        http.post("/reload", (request, response) -> reload(response))
                .put("/reload", (request, response) -> reload(response));
    }

    private void reload(io.helidon.webserver.http.ServerResponse response) {
        try {
            rules.run();
            response.send();
        } catch (RuntimeException e) {
            response.status(Status.INTERNAL_SERVER_ERROR_500).send("failed to reload config: " + e.getMessage() + "\n");
        }
    }
}
