package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.sightline.appliance.Sightline;
import io.sightline.sample.services.SampleServices;
import io.sightline.sample.services.SampleServicesConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load page outside the demo: `serve` with --ui.load.target aimed at a service already running (the
 * sample frontend, started first); a run started with the page's form reaches it and finishes, and its
 * figures are the page's.
 */
class LoadTargetIT {
    @TempDir
    static Path dataDir;

    private static SampleServices services;
    private static Sightline sightline;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        // The services' own telemetry goes nowhere here (a closed port): only the load page is under test.
        services = SampleServices.start(new SampleServicesConfig("http://127.0.0.1:9", "127.0.0.1", 0, 0, 0,
                Duration.ofSeconds(30), Map.of()));
        sightline = Sightline.start(Sightline.config(dataDir).ephemeralPorts()
                .set("ui.load.target", services.frontendUri().toString()).set("ui.load.max-users", "5"));
    }

    @AfterAll
    static void stop() {
        if (sightline != null) {
            sightline.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aRunStartedFromThePageReachesTheConfiguredTargetAndFinishes() throws Exception {
        String page = get("/load").body();
        assertThat(page).contains(services.frontendUri().toString()).contains("id=\"load-start\"");

        HttpResponse<String> tooMany = post("/load/start", "users=6&spawn_rate=5&target_rate=20&duration=2s");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("Users");

        HttpResponse<String> started = post("/load/start", "users=2&spawn_rate=2&target_rate=20&duration=2s");
        assertThat(started.statusCode()).isEqualTo(303);
        String location = started.headers().firstValue("location").orElseThrow();
        String id = location.replaceAll(".*run=([^&]+).*", "$1");
        Instant deadline = Instant.now().plusSeconds(30);
        String json = "";
        while (Instant.now().isBefore(deadline)) {
            json = get("/load/runs/" + id + ".json").body();
            if (json.contains("\"state\":\"finished\"")) {
                break;
            }
            LockSupport.parkNanos(100_000_000); // a pause between polls; the deadline decides
        }
        assertThat(json).contains("\"state\":\"finished\"");
        assertThat(json).containsPattern("\"requests\":[1-9]");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(sightline.httpEndpoint().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(sightline.httpEndpoint().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
