package io.sightline.query.api.loki;

import static io.sightline.query.api.loki.LokiApiServer.NOW;
import static io.sightline.query.api.loki.LokiApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.sightline.query.api.loki.LokiApiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /labels}, {@code /label/<name>/values}, {@code /series} and {@code /index/stats} over real
 * HTTP against Loki's documented answers, with an in-test {@link LogCatalogue} that returns fixed
 * answers and records its arguments (an API-layer test).
 */
class LokiCatalogueApiTest {
    private static final long HOUR = 3_600_000_000_000L;
    private final LokiApiServer server = new LokiApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void labelNamesSortedWithDefaultRange() {
        server.catalogue.names = List.of("foo", "bar", "baz");
        Reply reply = server.get("/loki/api/v1/labels");
        assertThat(reply.status()).isEqualTo(200);
        Golden.assertMatches(reply.body(), "labels.json");
        assertThat(server.catalogue.lastCall).isEqualTo(List.of("labelNames", NOW - HOUR, NOW, "{}"));
    }

    @Test
    void noLabelsOmitsData() {
        assertThat(server.get("/loki/api/v1/labels").body()).isEqualTo("{\"status\":\"success\"}\n");
    }

    @Test
    void labelValuesWithSelectorAndSince() {
        server.catalogue.values = List.of("cat", "dog", "axolotl");
        Reply reply = server.get("/loki/api/v1/label/foo/values?since=6h&query=" + encode("{app=~\"pet.+\"}"));
        Golden.assertMatches(reply.body(), "label-values.json");
        assertThat(server.catalogue.lastCall).isEqualTo(List.of("labelValues", "foo", NOW - 6 * HOUR, NOW,
                "{app=~\"pet.+\"}"));
    }

    @Test
    void seriesTakesEveryMatchAsPostForm() {
        server.catalogue.series = List.of(
                Map.of("container_name", "loki", "app", "loki", "stream", "stderr", "job", "default/loki",
                        "namespace", "default"),
                Map.of("app", "prometheus", "component", "server", "container_name", "prometheus-server",
                        "job", "default/prometheus", "namespace", "default", "stream", "stderr"));
        Reply reply = server.post("/loki/api/v1/series", "match[]="
                + encode("{container_name=~\"prometheus.*\", component=\"server\"}") + "&match[]=" + encode("{app=\"loki\"}")
                + "&start=1700000000&end=1700000600");
        assertThat(reply.status()).isEqualTo(200);
        Golden.assertMatches(reply.body(), "series.json");
        assertThat(server.catalogue.lastCall).isEqualTo(List.of("series", 1_700_000_000_000_000_000L,
                1_700_000_600_000_000_000L,
                List.of("{app=\"loki\"}", "{container_name=~\"prometheus.*\",component=\"server\"}")));
    }

    @Test
    void seriesOfEmptySelectorMeansEveryStream() {
        assertThat(server.get("/loki/api/v1/series?match[]=" + encode("{ }")).body())
                .isEqualTo("{\"status\":\"success\",\"data\":[]}\n");
        assertThat(server.catalogue.lastCall.get(3)).isEqualTo(List.of());
    }

    @Test
    void badSelectorIsA400() {
        Reply reply = server.get("/loki/api/v1/series?match[]=" + encode("{app=}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("parse error at line 1, col 6:");
        Reply empty = server.get("/loki/api/v1/labels?query=" + encode("{app=~\".*\"}"));
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void indexStats() {
        server.catalogue.stats = new LogCatalogue.IndexStats(100, 1000, 5000, 100000);
        Reply reply = server.get("/loki/api/v1/index/stats?query=" + encode("{job=\"foo\", env!=\"dev\"}")
                + "&start=1700000000&end=1700003600");
        assertThat(reply.status()).isEqualTo(200);
        Golden.assertMatches(reply.body(), "index-stats.json");
        assertThat(server.catalogue.lastCall).isEqualTo(List.of("indexStats", 1_700_000_000_000_000_000L,
                1_700_003_600_000_000_000L, "{job=\"foo\",env!=\"dev\"}"));
        assertThat(server.get("/loki/api/v1/index/stats?query=" + encode("{job=\"foo\"}")
                + "&start=1700003600&end=1700000000").status()).isEqualTo(400);
    }
}
