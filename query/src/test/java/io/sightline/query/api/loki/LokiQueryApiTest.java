package io.sightline.query.api.loki;

import static io.sightline.query.api.loki.LokiApiServer.NOW;
import static io.sightline.query.api.loki.LokiApiServer.STATS;
import static io.sightline.query.api.loki.LokiApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sightline.query.api.loki.LokiApiServer.Reply;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /query} and {@code /query_range} over real HTTP against Loki's documented answers, with an
 * in-test {@link io.sightline.query.logql.LogqlQueryService} that returns fixed results (an API-layer
 * test: what is checked is the request the engine gets and the JSON and statuses the client gets).
 */
class LokiQueryApiTest {
    private static final String RANGE = "/loki/api/v1/query_range";
    private final LokiApiServer server = new LokiApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static LogqlResult.LogEntry entry(long time, String line) {
        return new LogqlResult.LogEntry(time, line, Map.of(), Map.of());
    }

    @Test
    void streamsAsLokiDocumentsThem() {
        server.service.answer = r -> new LogqlResult.Streams(List.of(new LogqlResult.LogStream(
                Map.of("job", "varlogs", "level", "info", "filename", "/var/log/myproject.log"),
                List.of(entry(1569266497240578000L, "foo"), entry(1569266492548155000L, "bar")))), STATS);
        Reply reply = server.get(RANGE + "?query=" + encode("{job=\"varlogs\"}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json; charset=UTF-8");
        Golden.assertQueryAnswer(reply.body(), "query-range-streams.json");
    }

    @Test
    void rangeDefaultsAreLokis() {
        server.get(RANGE + "?query=" + encode("{job=\"varlogs\"}"));
        long hour = 3_600_000_000_000L;
        assertThat(server.service.last()).isEqualTo(new LogqlRequest("{job=\"varlogs\"}", NOW - hour, NOW,
                14_000_000_000L, 0, LogqlDirection.BACKWARD, 100, Duration.ofMinutes(1)));
    }

    @Test
    void rangeParametersReachTheEngine() {
        server.get(RANGE + "?query=" + encode("{a=\"b\"} |= \"x\"") + "&start=1700000000&end=1700000600.5"
                + "&step=15s&interval=1.5&limit=20&direction=FORWARD");
        assertThat(server.service.last()).isEqualTo(new LogqlRequest("{a=\"b\"} |= \"x\"", 1_700_000_000_000_000_000L,
                1_700_000_600_500_000_000L, 15_000_000_000L, 1_500_000_000L, LogqlDirection.FORWARD, 20,
                Duration.ofMinutes(1)));
    }

    @Test
    void postFormBodyIsRead() {
        Reply reply = server.post(RANGE, "query=" + encode("{a=\"b\"}") + "&since=5m&limit=7");
        assertThat(reply.status()).isEqualTo(200);
        LogqlRequest request = server.service.last();
        assertThat(request.startNanos()).isEqualTo(NOW - 300_000_000_000L);
        assertThat(request.limit()).isEqualTo(7);
    }

    @Test
    void metricQueriesGetTheSeriesLimitAndAnswerMatrices() {
        server.service.answer = r -> new LogqlResult.Matrix(List.of(
                new LogqlResult.SampleSeries(Map.of("level", "info"), times(3),
                        new double[] {137.95, 467.115, 658.8516666666667}),
                new LogqlResult.SampleSeries(Map.of("level", "warn"), times(3),
                        new double[] {137.27833333333334, 467.69, 660.6933333333334})), STATS);
        Reply reply = server.get(RANGE + "?query=" + encode("sum(rate({job=\"varlogs\"}[10m])) by (level)")
                + "&step=300&limit=100000");
        assertThat(reply.status()).isEqualTo(200);
        Golden.assertQueryAnswer(reply.body(), "query-range-matrix.json");
        assertThat(server.service.last().limit()).isEqualTo(500);
        assertThat(server.service.last().stepNanos()).isEqualTo(300_000_000_000L);
    }

    private static long[] times(int n) {
        long[] times = new long[n];
        java.util.Arrays.fill(times, 1588889221_000_000_000L);
        return times;
    }

    @Test
    void instantVector() {
        server.service.answer = r -> new LogqlResult.Vector(1588889221_000_000_000L, List.of(
                new LogqlResult.VectorSample(Map.of(), 1267.1266666666666),
                new LogqlResult.VectorSample(Map.of("level", "warn"), 37.77166666666667),
                new LogqlResult.VectorSample(Map.of("level", "info"), 37.69)), STATS);
        Reply reply = server.get("/loki/api/v1/query?query=" + encode("sum(rate({job=\"varlogs\"}[10m])) by (level)"));
        assertThat(reply.status()).isEqualTo(200);
        Golden.assertQueryAnswer(reply.body(), "query-vector.json");
        LogqlRequest request = server.service.last();
        assertThat(request.instant()).isTrue();
        assertThat(request.startNanos()).isEqualTo(NOW).isEqualTo(request.endNanos());
    }

    @Test
    void scalarWithFractionalTimeAndGoNumberForms() {
        server.service.answer = r -> new LogqlResult.Scalar(1_700_000_000_250_000_000L, 1e-7, STATS);
        String body = server.get("/loki/api/v1/query?query=" + encode("vector(1e-7)") + "&time=1700000000.25").body();
        assertThat(body).contains("\"result\":[1700000000.25,\"0.0000001\"]");
        assertThat(server.service.last().startNanos()).isEqualTo(1_700_000_000_250_000_000L);
    }

    @Test
    void categorizeLabelsSplitsMetadataAndParsedLabelsFromTheStream() {
        server.service.answer = r -> new LogqlResult.Streams(List.of(
                new LogqlResult.LogStream(Map.of("job", "varlogs", "trace_id", "0242ac120002", "level", "info"),
                        List.of(new LogqlResult.LogEntry(1569266497240578000L, "level=info msg=foo",
                                Map.of("trace_id", "0242ac120002"), Map.of("level", "info")))),
                new LogqlResult.LogStream(Map.of("job", "varlogs", "level", "warn"),
                        List.of(new LogqlResult.LogEntry(1569266495000000000L, "level=warn msg=baz", Map.of(),
                                Map.of("level", "warn")))),
                new LogqlResult.LogStream(Map.of("job", "varlogs"), List.of(entry(1569266492548155000L, "bar")))),
                STATS);
        Reply reply = server.get(RANGE + "?query=" + encode("{job=\"varlogs\"} | logfmt"),
                "X-Loki-Response-Encoding-Flags", "categorize-labels");
        Golden.assertQueryAnswer(reply.body(), "query-range-streams-categorized.json");
    }

    @Test
    void statsObjectHasLokisMembers() {
        Golden.assertQueryAnswer(server.get(RANGE + "?query=" + encode("{a=\"b\"}")).body(), "empty-streams.json");
    }

    private void assertBadRequest(String pathAndQuery, String message) {
        Reply reply = server.get(pathAndQuery);
        assertThat(reply.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(reply.body()).isEqualTo(message);
    }

    @Test
    void parameterErrorsAreLokisPlainText() {
        String q = "?query=" + encode("{a=\"b\"}");
        assertBadRequest(RANGE + q + "&start=1700000600&end=1700000000",
                "end timestamp must not be before or equal to start time");
        assertBadRequest(RANGE + q + "&start=1700000000&end=1700086400&step=1",
                "exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter");
        assertBadRequest(RANGE + q + "&step=0", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertBadRequest(RANGE + q + "&step=x", "cannot parse \"x\" to a valid duration");
        assertBadRequest(RANGE + q + "&interval=-1", "interval must be >= 0");
        assertBadRequest(RANGE + q + "&limit=0", "limit must be a positive value");
        assertBadRequest(RANGE + q + "&limit=ten", "strconv.Atoi: parsing \"ten\": invalid syntax");
        assertBadRequest(RANGE + q + "&limit=5001",
                "max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)");
        assertBadRequest(RANGE + q + "&direction=up", "invalid direction 'up'");
        assertBadRequest(RANGE + q + "&start=yesterday",
                "could not parse 'start' parameter: strconv.ParseInt: parsing \"yesterday\": invalid syntax");
        assertBadRequest(RANGE + q + "&since=1x", "could not parse 'since' parameter: not a valid duration string: \"1x\"");
        assertBadRequest("/loki/api/v1/query" + q, QueryEndpoints.INSTANT_LOG_QUERY);
        assertBadRequest("/loki/api/v1/query" + q + "&time=1.2.3", "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax");
        assertThat(server.service.requests).isEmpty();
    }

    @Test
    void engineErrorsMapToStatuses() {
        server.service.answer = r -> {
            throw new LogqlQueryException(LogqlQueryException.Kind.BAD_QUERY, "parse error at line 1, col 2: syntax error");
        };
        assertBadRequest(RANGE + "?query=" + encode("{"), "parse error at line 1, col 2: syntax error");
        server.service.answer = r -> {
            throw new LogqlQueryException(LogqlQueryException.Kind.LIMIT, "maximum of series (500) reached for a single query");
        };
        assertBadRequest(RANGE + "?query=" + encode("count_over_time({a=\"b\"}[1m])"),
                "maximum of series (500) reached for a single query");
        server.service.answer = r -> {
            throw new LogqlQueryException(LogqlQueryException.Kind.TIMEOUT, "query timed out after 1m0s");
        };
        Reply timeout = server.get(RANGE + "?query=" + encode("{a=\"b\"}"));
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.body()).isEqualTo("query timed out after 1m0s");
        server.service.answer = r -> {
            throw new IllegalStateException("boom");
        };
        assertThat(server.get(RANGE + "?query=" + encode("{a=\"b\"}")).status()).isEqualTo(500);
    }

    @Test
    void unknownPathsAndMethods() {
        Reply unknown = server.get("/loki/api/v1/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        Reply put = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + RANGE))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(put.status()).isEqualTo(405);
    }

    @Test
    void buildInfo() {
        Reply reply = server.get("/loki/api/v1/status/buildinfo");
        assertThat(reply.body()).isEqualTo("{\"version\":\"3.5.0\",\"revision\":\"abc123\",\"branch\":\"main\","
                + "\"buildUser\":\"ci\",\"buildDate\":\"20260101-12:00:00\",\"goVersion\":\"java25\"}\n");
    }
}
