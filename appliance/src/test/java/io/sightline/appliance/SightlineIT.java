package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API: start in-process on chosen or free ports, real endpoints, clean close, named errors. */
class SightlineIT {
    @TempDir
    Path dataDir;

    @Test
    void startsOnFreePortsAnswersOnItsEndpointsAndReleasesTheDataDirectory() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (Sightline sightline = Sightline.start(Sightline.config(dataDir).ephemeralPorts())) {
            assertThat(sightline.ready()).isTrue();
            assertThat(sightline.httpEndpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(get(http, sightline.httpEndpoint().resolve("/-/ready"))).isEqualTo(200);
            // OTLP/HTTP answers on its own port: an empty export request is valid protobuf
            HttpResponse<String> export = http.send(HttpRequest.newBuilder(sightline.otlpHttpEndpoint().resolve("/v1/logs"))
                    .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
            assertThat(sightline.otlpGrpcEndpoint().getPort()).isPositive()
                    .isNotIn(sightline.httpEndpoint().getPort(), sightline.otlpHttpEndpoint().getPort());
        }
        // closed: the data directory's lock is free for the next instance
        try (Sightline again = Sightline.start(Sightline.config(dataDir).ephemeralPorts())) {
            assertThat(again.ready()).isTrue();
        }
    }

    @Test
    void anUnknownOrInvalidSettingIsNamed() {
        assertThatThrownBy(() -> Sightline.start(Sightline.config(dataDir).ephemeralPorts().set("no-such-option", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no-such-option");
        assertThatThrownBy(() -> Sightline.start(Sightline.config(dataDir).ephemeralPorts().set("logs.retention-age", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("logs.retention-age");
    }

    private static int get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
