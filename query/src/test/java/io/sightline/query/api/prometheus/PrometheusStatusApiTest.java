package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import io.sightline.query.api.prometheus.PromApiServer.Reply;
import io.sightline.query.promql.PromqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status endpoints, the empty ones, methods and unknown paths. */
class PrometheusStatusApiTest {
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

    @Test
    void buildInfoComesFromTheConstructor() {
        assertThat(server.get("/api/v1/status/buildinfo").body()).isEqualTo(ok("{\"version\":\"3.0.0\",\"revision\":\"abc123\","
                + "\"branch\":\"main\",\"buildUser\":\"ci\",\"buildDate\":\"20260101-12:00:00\",\"goVersion\":\"java25\"}"));
    }

    @Test
    void emptyTargetsRulesAlertsAndConfig() {
        assertThat(server.get("/api/v1/targets").body())
                .isEqualTo(ok("{\"activeTargets\":[],\"droppedTargets\":[],\"droppedTargetCounts\":{}}"));
        assertThat(server.get("/api/v1/rules").body()).isEqualTo(ok("{\"groups\":[]}"));
        assertThat(server.get("/api/v1/rules?type=alert").body()).isEqualTo(ok("{\"groups\":[]}"));
        assertThat(server.get("/api/v1/rules?type=x")).isEqualTo(new Reply(400, "application/json",
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"type\\\": not supported value \\\"x\\\"\"}"));
        assertThat(server.get("/api/v1/alerts").body()).isEqualTo(ok("{\"alerts\":[]}"));
        assertThat(server.get("/api/v1/status/config").body()).isEqualTo(ok("{\"yaml\":\"\"}"));
    }

    @Test
    void flagsAndRuntimeInfoTellTheConfiguredValues() {
        assertThat(server.get("/api/v1/status/flags").body()).startsWith("{\"status\":\"success\",\"data\":{"
                + "\"query.lookback-delta\":\"5m\",\"query.max-samples\":\"50000000\",\"query.timeout\":\"2m\",")
                .contains("\"storage.tsdb.retention.time\":\"2w1d\"");
        assertThat(server.get("/api/v1/status/runtimeinfo").body())
                .startsWith("{\"status\":\"success\",\"data\":{\"startTime\":\"2023-11-14T22:23:20Z\",\"CWD\":")
                .contains("\"reloadConfigSuccess\":true,\"lastConfigTime\":\"2023-11-14T22:23:20Z\",\"corruptionCount\":0,")
                .contains("\"storageRetention\":\"2w1d\"");
    }

    @Test
    void tsdbStatusCountsHeadSeriesAndLabelValues() {
        // up{job=api}, up{job=db}, http_requests_total{job=api,code=200}, gone{job=x}: the largest two of
        // each list, ties by name.
        assertThat(server.get("/api/v1/status/tsdb?limit=2").body()).isEqualTo(ok("{\"headStats\":{\"numSeries\":4,"
                + "\"numLabelPairs\":9},\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":2},"
                + "{\"name\":\"gone\",\"value\":1}],\"labelValueCountByLabelName\":["
                + "{\"name\":\"__name__\",\"value\":3},{\"name\":\"job\",\"value\":3}],\"memoryInBytesByLabelName\":["
                + "{\"name\":\"__name__\",\"value\":25},{\"name\":\"instance\",\"value\":6}],"
                + "\"seriesCountByLabelValuePair\":[{\"name\":\"__name__=up\",\"value\":2},{\"name\":\"job=api\",\"value\":2}]}"));
        assertThat(server.get("/api/v1/status/tsdb?limit=0").status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        assertThat(server.get("/api/v1/nothing")).isEqualTo(new Reply(404, "application/json",
                "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"unknown API endpoint /api/v1/nothing\"}"));
        Reply delete = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/query?query=up")).DELETE());
        assertThat(delete.status()).isEqualTo(405);
        Reply postMetadata = server.post("/api/v1/metadata", "");
        assertThat(postMetadata.status()).isEqualTo(405);
        Reply options = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/query"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.status()).isEqualTo(204);
    }

    @Test
    void canceledQueriesAre499AsInPrometheus() {
        ApiError.Type canceled = ApiError.Type.of(PromqlException.ErrorType.CANCELED);
        assertThat(canceled.status.code()).isEqualTo(499);
        assertThat(canceled.apiName).isEqualTo("canceled");
        assertThat(ApiError.Type.of(PromqlException.ErrorType.TIMEOUT).status.code()).isEqualTo(503);
        assertThat(ApiError.Type.of(PromqlException.ErrorType.EXECUTION).status.code()).isEqualTo(422);
    }
}
