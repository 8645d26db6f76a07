package io.sightline.query.api.prometheus;

import static io.sightline.query.api.prometheus.PromApiServer.encode;
import static io.sightline.query.api.prometheus.PromApiServer.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.sightline.query.api.prometheus.PromApiServer.Reply;
import io.sightline.query.promql.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /series}, {@code /labels}, {@code /label/<name>/values}, {@code /metadata}, {@code /query_exemplars}, {@code /format_query}. */
class PrometheusMetadataApiTest {
    private static final String UP_A = "{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"}";
    private static final String UP_B = "{\"__name__\":\"up\",\"instance\":\"b:1\",\"job\":\"db\"}";
    private static final String REQUESTS = "{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"api\"}";
    private static final String TRUNCATED = ",\"warnings\":[\"results truncated due to limit\"]}";

    @TempDir
    Path dir;
    private PromApiServer server;

    @BeforeEach
    void start() {
        server = new PromApiServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String ok(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    private static String error(String message) {
        return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    @Test
    void seriesOfOneOrMoreSelectors() {
        assertThat(server.get("/api/v1/series?match[]=up").body()).isEqualTo(ok("[" + UP_A + "," + UP_B + "]"));
        String both = "match[]=" + encode("up{job=\"api\"}") + "&match[]=http_requests_total";
        assertThat(server.get("/api/v1/series?" + both).body()).isEqualTo(ok("[" + REQUESTS + "," + UP_A + "]"));
        assertThat(server.post("/api/v1/series?match[]=http_requests_total", "match%5B%5D=" + encode("up{job=\"api\"}"))
                .body()).isEqualTo(ok("[" + REQUESTS + "," + UP_A + "]"));
    }

    @Test
    void seriesHonourTheTimeRange() {
        assertThat(server.get("/api/v1/series?match[]=gone&start=" + seconds(0) + "&end=" + seconds(20_000)).body())
                .isEqualTo(ok("[{\"__name__\":\"gone\",\"job\":\"x\"}]"));
        assertThat(server.get("/api/v1/series?match[]=gone&start=" + seconds(120_000)).body()).isEqualTo(ok("[]"));
    }

    @Test
    void seriesAreCutAtTheLimitOrTheConfiguredMaximum() {
        assertThat(server.get("/api/v1/series?match[]=up&limit=1").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[" + UP_A + "]" + TRUNCATED);
        assertThat(server.get("/api/v1/series?match[]=up&limit=2").body()).isEqualTo(ok("[" + UP_A + "," + UP_B + "]"));
        server.close();
        server = new PromApiServer(dir.resolve("capped"), EngineConfig.defaults(), new PrometheusApiConfig(1, 2, 1000));
        assertThat(server.get("/api/v1/series?match[]=up").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[" + UP_A + "]" + TRUNCATED);
        assertThat(server.get("/api/v1/labels").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"code\"]" + TRUNCATED);
        Reply tooLarge = server.post("/api/v1/series", "match%5B%5D=" + "x".repeat(1000));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo(error("error parsing form values: request body larger than 1000 bytes"));
    }

    @Test
    void seriesErrors() {
        assertThat(server.get("/api/v1/series")).isEqualTo(
                new Reply(400, "application/json", error("no match[] parameter provided")));
        assertThat(server.get("/api/v1/series?match[]=" + encode("rate(up[5m])")).body())
                .startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:1: parse error: ");
        assertThat(server.get("/api/v1/series?match[]=" + encode("{job=~\".*\"}")).body())
                .isEqualTo(error("invalid parameter \"match[]\": 1:1: parse error: vector selector must contain at least one non-empty matcher"));
        assertThat(server.get("/api/v1/series?match[]=up&start=x").body()).isEqualTo(
                error("invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a valid timestamp"));
    }

    @Test
    void labelNames() {
        assertThat(server.get("/api/v1/labels").body()).isEqualTo(ok("[\"__name__\",\"code\",\"instance\",\"job\"]"));
        assertThat(server.post("/api/v1/labels", "match%5B%5D=up").body())
                .isEqualTo(ok("[\"__name__\",\"instance\",\"job\"]"));
        assertThat(server.get("/api/v1/labels?limit=1").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\"]" + TRUNCATED);
        assertThat(server.get("/api/v1/labels?match[]=" + encode("{job=~\".*\"}")).body())
                .isEqualTo(error("1:1: parse error: vector selector must contain at least one non-empty matcher"));
    }

    @Test
    void labelValues() {
        assertThat(server.get("/api/v1/label/job/values").body()).isEqualTo(ok("[\"api\",\"db\",\"x\"]"));
        assertThat(server.get("/api/v1/label/__name__/values").body())
                .isEqualTo(ok("[\"gone\",\"http_requests_total\",\"up\"]"));
        assertThat(server.get("/api/v1/label/job/values?match[]=up").body()).isEqualTo(ok("[\"api\",\"db\"]"));
        assertThat(server.get("/api/v1/label/job/values?limit=1").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"api\"]" + TRUNCATED);
        // Series without samples in [start, end] do not count (with match[]; see README on the head without).
        assertThat(server.get("/api/v1/label/job/values?match[]=" + encode("{job=~\".+\"}") + "&start=" + seconds(120_000))
                .body()).isEqualTo(ok("[\"api\",\"db\"]"));
        assertThat(server.get("/api/v1/label/service.name/values").body()).isEqualTo(ok("[]"));
    }

    @Test
    void labelNamesInThePathAreUnescapedAndValidated() {
        assertThat(server.get("/api/v1/label/U__job/values").body()).isEqualTo(ok("[\"api\",\"db\",\"x\"]"));
        assertThat(server.get("/api/v1/label/U______name____/values").body())
                .isEqualTo(ok("[\"gone\",\"http_requests_total\",\"up\"]"));
        assertThat(server.get("/api/v1/label/%FF/values"))
                .isEqualTo(new Reply(400, "application/json", error("invalid label name: \"\\xff\"")));
        assertThat(LabelNameParameter.unescape("U__http_2e_route")).isEqualTo("http.route");
        assertThat(LabelNameParameter.unescape("U__bad_zz_")).isEqualTo("U__bad_zz_");
    }

    @Test
    void metadata() {
        String counter = "{\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests served.\",\"unit\":\"\"}]}";
        assertThat(server.get("/api/v1/metadata").body()).isEqualTo(ok(counter));
        assertThat(server.get("/api/v1/metadata?metric=http_requests_total&limit_per_metric=1").body()).isEqualTo(ok(counter));
        assertThat(server.get("/api/v1/metadata?metric=up").body()).isEqualTo(ok("{}"));
        assertThat(server.get("/api/v1/metadata?limit=0").body()).isEqualTo(ok("{}"));
        assertThat(server.get("/api/v1/metadata?limit=x").body()).isEqualTo(error("limit must be a number"));
        assertThat(server.get("/api/v1/metadata?limit_per_metric=x").body()).isEqualTo(error("limit_per_metric must be a number"));
    }

    @Test
    void exemplarsOfTheQuerysSelectors() {
        String range = "&start=" + seconds(0) + "&end=" + seconds(600_000);
        assertThat(server.get("/api/v1/query_exemplars?query=" + encode("sum(rate(http_requests_total[5m]))") + range).body())
                .isEqualTo(ok("[{\"seriesLabels\":" + REQUESTS + ",\"exemplars\":[{\"labels\":{\"trace_id\":\"abc\"},"
                        + "\"value\":\"42\",\"timestamp\":1700000060}]}]"));
        assertThat(server.get("/api/v1/query_exemplars?query=up" + range).body()).isEqualTo(ok("[]"));
        Reply noSelectors = server.get("/api/v1/query_exemplars?query=" + encode("1+1"));
        assertThat(noSelectors.status()).isEqualTo(204);
        assertThat(noSelectors.body()).isEmpty();
        assertThat(server.get("/api/v1/query_exemplars?query=up&start=10&end=1").body())
                .isEqualTo(error("end timestamp must not be before start timestamp"));
    }

    @Test
    void formatQuery() {
        assertThat(server.post("/api/v1/format_query", "query=" + encode("sum(rate(x[5m]))by(job)")).body())
                .isEqualTo(ok("\"sum by (job) (rate(x[5m]))\""));
        String longQuery = "sum by (job) (rate(http_server_request_duration_seconds_count{service=\"checkout\"}[5m]))"
                + " / sum by (job) (rate(http_server_request_duration_seconds_count[5m]))";
        assertThat(server.get("/api/v1/format_query?query=" + encode(longQuery)).body()).isEqualTo(ok("\""
                + "  sum by (job) (rate(http_server_request_duration_seconds_count{service=\\\"checkout\\\"}[5m]))\\n"
                + "/\\n"
                + "  sum by (job) (rate(http_server_request_duration_seconds_count[5m]))\""));
        assertThat(server.get("/api/v1/format_query?query=" + encode("sum(")).body())
                .startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: ");
    }
}
