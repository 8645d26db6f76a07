package io.sightline.query.api.prometheus;

import static io.sightline.query.api.prometheus.PromApiServer.encode;
import static io.sightline.query.api.prometheus.PromApiServer.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.sightline.query.api.prometheus.PromApiServer.Reply;
import io.sightline.query.promql.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /query}, {@code /query_range}: result shapes, number forms, parameters and errors over real HTTP. */
class PrometheusQueryApiTest {
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

    private static String error(String type, String message) {
        return "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    @Test
    void instantVector() {
        Reply reply = server.get("/api/v1/query?query=up&time=" + seconds(600_000));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.body()).isEqualTo(ok("{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"},\"value\":[1700000600,\"1\"]},"
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"b:1\",\"job\":\"db\"},\"value\":[1700000600,\"0\"]}]}"));
    }

    @Test
    void timeDefaultsToNowFromTheInjectedClock() {
        assertThat(server.get("/api/v1/query?query=time()").body())
                .isEqualTo(ok("{\"resultType\":\"scalar\",\"result\":[1700000600,\"1700000600\"]}"));
    }

    @Test
    void scalarAndStringResultsWithFractionalTime() {
        assertThat(server.get("/api/v1/query?query=1.5&time=1700000600.25").body())
                .isEqualTo(ok("{\"resultType\":\"scalar\",\"result\":[1700000600.250,\"1.5\"]}"));
        assertThat(server.get("/api/v1/query?query=" + encode("\"hello\"") + "&time=2023-11-14T22:23:20Z").body())
                .isEqualTo(ok("{\"resultType\":\"string\",\"result\":[1700000600,\"hello\"]}"));
    }

    @Test
    void instantQueryOfARangeSelectorIsAMatrix() {
        String body = server.get("/api/v1/query?query=" + encode("up{job=\"api\"}[1m]") + "&time=" + seconds(600_000)).body();
        assertThat(body).isEqualTo(ok("{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"},\"values\":["
                + "[1700000555,\"1\"],[1700000570,\"1\"],[1700000585,\"1\"],[1700000600,\"1\"]]}]}"));
    }

    @Test
    void nanAndInfinitiesAreStringsAsInGo() {
        assertThat(server.get("/api/v1/query?query=" + encode("up / 0") + "&time=" + seconds(600_000)).body())
                .isEqualTo(ok("{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"instance\":\"a:1\",\"job\":\"api\"},\"value\":[1700000600,\"+Inf\"]},"
                        + "{\"metric\":{\"instance\":\"b:1\",\"job\":\"db\"},\"value\":[1700000600,\"NaN\"]}]}"));
        assertThat(server.get("/api/v1/query?query=" + encode("-1/0") + "&time=1").body())
                .isEqualTo(ok("{\"resultType\":\"scalar\",\"result\":[1,\"-Inf\"]}"));
        assertThat(server.get("/api/v1/query?query=" + encode("1e-7 * 1.5") + "&time=1").body())
                .isEqualTo(ok("{\"resultType\":\"scalar\",\"result\":[1,\"1.5e-07\"]}"));
    }

    @Test
    void aStaleMarkerEndsTheSeriesAndIsNeverPrinted() {
        assertThat(server.get("/api/v1/query?query=gone&time=" + seconds(10_000)).body())
                .isEqualTo(ok("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"gone\",\"job\":\"x\"},"
                        + "\"value\":[1700000010,\"5\"]}]}"));
        assertThat(server.get("/api/v1/query?query=gone&time=" + seconds(60_000)).body())
                .isEqualTo(ok("{\"resultType\":\"vector\",\"result\":[]}"));
        assertThat(server.get("/api/v1/query?query=" + encode("gone[1m]") + "&time=" + seconds(50_000)).body())
                .isEqualTo(ok("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"gone\",\"job\":\"x\"},"
                        + "\"values\":[[1700000000,\"5\"]]}]}"));
    }

    @Test
    void rangeQueryIsAMatrix() {
        String query = "?query=http_requests_total&start=" + seconds(0) + "&end=" + seconds(60_000) + "&step=30s";
        String expected = ok("{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"api\"},"
                + "\"values\":[[1700000000,\"0\"],[1700000030,\"20\"],[1700000060,\"40\"]]}]}");
        assertThat(server.get("/api/v1/query_range" + query).body()).isEqualTo(expected);
        assertThat(server.post("/api/v1/query_range", query.substring(1)).body()).isEqualTo(expected);
    }

    @Test
    void postFormAndQueryStringAreBothReadWithTheBodyFirst() {
        String expected = server.get("/api/v1/query?query=up&time=" + seconds(600_000)).body();
        assertThat(server.post("/api/v1/query", "query=up&time=" + seconds(600_000)).body()).isEqualTo(expected);
        assertThat(server.post("/api/v1/query?time=" + seconds(600_000), "query=up").body()).isEqualTo(expected);
        assertThat(server.post("/api/v1/query?query=2&time=1", "query=1").body())
                .isEqualTo(ok("{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}"));
    }

    @Test
    void limitCutsSeriesWithAWarning() {
        assertThat(server.get("/api/v1/query?query=up&limit=1&time=" + seconds(600_000)).body())
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"},\"value\":[1700000600,\"1\"]}]},"
                        + "\"warnings\":[\"results truncated due to limit\"]}");
        assertThat(server.get("/api/v1/query?query=up&limit=-1").body())
                .isEqualTo(error("bad_data", "invalid parameter \"limit\": limit must be non-negative"));
        assertThat(server.get("/api/v1/query?query=up&limit=x").body())
                .isEqualTo(error("bad_data", "invalid parameter \"limit\": strconv.Atoi: parsing \"x\": invalid syntax"));
    }

    @Test
    void infosTravelBesideTheResult() {
        String body = server.get("/api/v1/query?query=" + encode("rate(up[5m])") + "&time=" + seconds(600_000)).body();
        assertThat(body).contains(",\"infos\":[\"PromQL info: metric might not be a counter").doesNotContain("warnings");
    }

    @Test
    void badParametersAreNamed() {
        assertThat(server.get("/api/v1/query?query=up&time=yesterday")).isEqualTo(new Reply(400, "application/json",
                error("bad_data", "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"yesterday\" to a valid timestamp")));
        assertThat(server.get("/api/v1/query?query=up&timeout=soon").body())
                .isEqualTo(error("bad_data", "invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration"));
        assertThat(server.get("/api/v1/query?query=up&lookback_delta=x").body())
                .isEqualTo(error("bad_data", "error parsing lookback delta duration: cannot parse \"x\" to a valid duration"));
        Reply parse = server.get("/api/v1/query?query=" + encode("up{"));
        assertThat(parse.status()).isEqualTo(400);
        assertThat(parse.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:4: parse error: ");
        assertThat(server.post("/api/v1/query", "query=%zz").body())
                .isEqualTo(error("bad_data", "error parsing form values: invalid URL escape in \"query=%zz\""));
        assertThat(server.get("/api/v1/query").body()).isEqualTo(
                error("bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input"));
    }

    @Test
    void rangeParametersAreCheckedAsPrometheusChecksThem() {
        assertThat(server.get("/api/v1/query_range?query=up&end=1&step=1").body())
                .isEqualTo(error("bad_data", "invalid parameter \"start\": cannot parse \"\" to a valid timestamp"));
        assertThat(server.get("/api/v1/query_range?query=up&start=10&end=1&step=1").body())
                .isEqualTo(error("bad_data", "invalid parameter \"end\": end timestamp must not be before start time"));
        assertThat(server.get("/api/v1/query_range?query=up&start=1&end=10&step=0").body()).isEqualTo(error("bad_data",
                "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"));
        assertThat(server.get("/api/v1/query_range?query=up&start=1&end=10&step=x").body())
                .isEqualTo(error("bad_data", "invalid parameter \"step\": cannot parse \"x\" to a valid duration"));
        Reply tooMany = server.get("/api/v1/query_range?query=up&start=0&end=11001&step=1");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo(error("bad_data",
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"));
        assertThat(server.get("/api/v1/query_range?query=up&start=0&end=11000&step=1").status()).isEqualTo(200);
    }

    @Test
    void executionErrorsAre422() {
        Reply reply = server.get("/api/v1/query?query=" + encode("up + on() up") + "&time=" + seconds(600_000));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).startsWith("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"");
    }

    @Test
    void timeoutsAre503() {
        server.close();
        AtomicLong nanos = new AtomicLong();
        LongSupplier jumpy = () -> nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        server = new PromApiServer(dir.resolve("timeout"), EngineConfig.defaults(), PrometheusApiConfig.defaults(), jumpy);
        Reply reply = server.get("/api/v1/query?query=up&time=" + seconds(600_000));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).startsWith("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"");
    }
}
