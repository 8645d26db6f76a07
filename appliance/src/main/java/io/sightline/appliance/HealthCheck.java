package io.sightline.appliance;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code sightline healthcheck}: asks a running appliance's {@code /-/ready} on this machine and exits
 * 0 when it answers 200, 1 otherwise. For container HEALTHCHECKs, which have no curl in a JRE image;
 * it reads the same options as {@code serve}, so it finds the port the appliance was given.
 */
final class HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthCheck() {
    }

    static int run(ApplianceConfig config, PrintStream out, PrintStream err) {
        String host = switch (config.bind()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> config.bind().contains(":") && !config.bind().startsWith("[") ? "[" + config.bind() + "]" : config.bind();
        };
        URI uri = URI.create("http://" + host + ":" + config.httpPort() + "/-/ready");
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                out.println("ready: " + uri);
                return 0;
            }
            err.println("not ready: " + uri + " answered " + response.statusCode());
            return 1;
        } catch (java.io.IOException e) {
            err.println("not ready: " + uri + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
