package io.sightline.ingest.otlp;

import static io.sightline.ingest.otlp.TestRequests.breakUtf8;
import static io.sightline.ingest.otlp.TestRequests.goodSpan;
import static io.sightline.ingest.otlp.TestRequests.id;
import static io.sightline.ingest.otlp.TestRequests.log;
import static io.sightline.ingest.otlp.TestRequests.logWithAttributes;
import static io.sightline.ingest.otlp.TestRequests.logs;
import static io.sightline.ingest.otlp.TestRequests.metrics;
import static io.sightline.ingest.otlp.TestRequests.point;
import static io.sightline.ingest.otlp.TestRequests.span;
import static io.sightline.ingest.otlp.TestRequests.string;
import static io.sightline.ingest.otlp.TestRequests.traces;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receiver contract, run over gRPC, HTTP/protobuf and HTTP/JSON: what a client sends arrives in
 * the signal's WAL exactly as accepted, bad items get partial success, bad requests the right status
 * and message, and the receiver keeps serving afterwards. Assertions read the real WAL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OtlpReceiverContract {
    protected IngestFixture fixture;

    protected abstract Transport transport();

    protected abstract void start(IngestFixture fixture);

    protected abstract void stop();

    /** Sends an encoded body as this transport's content type. */
    protected abstract Reply sendBody(Signal signal, byte[] body);

    /** {@code request} encoded as this transport sends it. */
    protected abstract byte[] encode(Message request);

    /** Exports span "GET /orders" (service "checkout", http.route=/orders) the way a real client would. */
    protected abstract String exportSpan(boolean gzip);

    /** Exports log "order 42 placed" (WARN, order.id=42) in a span context; returns its trace id hex. */
    protected abstract String exportLog(boolean gzip);

    /** Exports counter "orders.placed" = 3 with region=eu. */
    protected abstract void exportMetric(boolean gzip);

    /** How this transport's decode errors begin. */
    protected abstract String decodeFailure();

    protected Reply send(Signal signal, Message request) {
        return sendBody(signal, encode(request));
    }

    @BeforeAll
    void startReceiver(@TempDir Path directory) {
        fixture = new IngestFixture(directory);
        start(fixture);
    }

    @AfterAll
    void stopReceiver() {
        stop();
        fixture.close();
    }

    @BeforeEach
    void noOverload() {
        fixture.overload.set(Optional.empty());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void exportedSpanArrivesInTheTracesWal(boolean gzip) {
        long before = fixture.lastIndex(Signal.TRACES);
        String traceId = exportSpan(gzip);

        ExportTraceServiceRequest stored = (ExportTraceServiceRequest) fixture.onlyEntryAfter(Signal.TRACES, before);
        assertThat(stored.getResourceSpans(0).getResource().getAttributesList())
                .contains(string("service.name", "checkout"));
        Span span = stored.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(span.getName()).isEqualTo("GET /orders");
        assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(span.getAttributesList()).contains(string("http.route", "/orders"));
        assertThat(fixture.counter("sightline_ingest_items_accepted", "signal", "traces",
                "transport", transport().label())).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void exportedLogArrivesInTheLogsWal(boolean gzip) {
        long before = fixture.lastIndex(Signal.LOGS);
        String traceId = exportLog(gzip);

        ExportLogsServiceRequest stored = (ExportLogsServiceRequest) fixture.onlyEntryAfter(Signal.LOGS, before);
        LogRecord log = stored.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(log.getBody().getStringValue()).isEqualTo("order 42 placed");
        assertThat(log.getSeverityNumberValue()).isEqualTo(13);
        assertThat(HexFormat.of().formatHex(log.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(log.getAttributesList()).anySatisfy(attribute -> {
            assertThat(attribute.getKey()).isEqualTo("order.id");
            assertThat(attribute.getValue().getIntValue()).isEqualTo(42);
        });
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void exportedMetricArrivesInTheMetricsWal(boolean gzip) {
        long before = fixture.lastIndex(Signal.METRICS);
        exportMetric(gzip);

        List<String> samples = fixture.metricSamplesAfter(before, 1);
        assertThat(samples).anySatisfy(sample -> assertThat(sample)
                .startsWith("orders_placed_total{job=\"checkout\", region=\"eu\"} ").endsWith("=3.0"));
    }

    @Test
    void outOfOrderDataPointsAreRejectedInPartNamingSeriesAndTime() {
        long time = 1_700_000_000_000_000_000L;
        send(Signal.METRICS, metrics("queue.depth", point(1, string("queue", "a"))));
        NumberDataPoint older = point(2, string("queue", "a")).toBuilder().setTimeUnixNano(time - 1_000_000_000L).build();
        NumberDataPoint newer = point(3, string("queue", "b"));
        Reply reply = send(Signal.METRICS, metrics("queue.depth", older, newer));

        assertThat(reply.status()).isEqualTo(IngestStatus.OK);
        assertThat(reply.rejected()).isEqualTo(1);
        assertThat(reply.message()).isEqualTo("out of order sample for series queue_depth{job=\"checkout\", "
                + "queue=\"a\"} at 2023-11-14T22:13:19Z: newest accepted is 2023-11-14T22:13:20Z");
        Reply again = send(Signal.METRICS, metrics("queue.depth", older));
        assertThat(again.status()).isEqualTo(IngestStatus.INVALID);
    }

    @Test
    void spansWithIdsOfTheWrongLengthAreRejectedInPart() {
        long before = fixture.lastIndex(Signal.TRACES);
        Reply reply = send(Signal.TRACES, traces(goodSpan("a"), span("b", id(15, 7), id(8, 3)), goodSpan("c"),
                span("d", id(16, 7), id(4, 3))));

        assertThat(reply.status()).isEqualTo(IngestStatus.OK);
        assertThat(reply.rejected()).isEqualTo(2);
        assertThat(reply.message()).isEqualTo("span 1: trace id is 15 bytes, must be 16; span 3: span id is 4 bytes, must be 8");
        ExportTraceServiceRequest stored = (ExportTraceServiceRequest) fixture.onlyEntryAfter(Signal.TRACES, before);
        assertThat(stored.getResourceSpans(0).getScopeSpans(0).getSpansList()).extracting(Span::getName)
                .containsExactly("a", "c");
        assertThat(fixture.counter("sightline_ingest_items_rejected", "signal", "traces",
                "transport", transport().label(), "reason", "invalid_id")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRequestWithOnlyBadItemsIsInvalidAndNothingIsWritten() {
        long before = fixture.lastIndex(Signal.TRACES);
        Reply reply = send(Signal.TRACES, traces(span("a", id(16, 7), id(9, 3)), span("b", com.google.protobuf.ByteString.EMPTY, id(8, 3))));

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message()).isEqualTo("span 0: span id is 9 bytes, must be 8; span 1: trace id is missing");
        assertThat(fixture.lastIndex(Signal.TRACES)).isEqualTo(before);
        assertStillServing();
    }

    @Test
    void logIdsMayBeEmptyButNotOfTheWrongLength() {
        Reply reply = send(Signal.LOGS, logs(log("no trace").toBuilder().clearTraceId().clearSpanId().build(),
                log("short span").toBuilder().setSpanId(id(7, 1)).build()));

        assertThat(reply.status()).isEqualTo(IngestStatus.OK);
        assertThat(reply.rejected()).isEqualTo(1);
        assertThat(reply.message()).isEqualTo("log record 1: span id is 7 bytes, must be 8");
    }

    @Test
    void aRecordWithTenThousandAttributesIsRejected() {
        long before = fixture.lastIndex(Signal.LOGS);
        Reply partial = send(Signal.LOGS, logs(log("fine"), logWithAttributes("too many", 10_000)));

        assertThat(partial.status()).isEqualTo(IngestStatus.OK);
        assertThat(partial.rejected()).isEqualTo(1);
        assertThat(partial.message()).isEqualTo("log record 1: 10000 attributes, limit is 128 (ingest.max-attributes)");
        ExportLogsServiceRequest stored = (ExportLogsServiceRequest) fixture.onlyEntryAfter(Signal.LOGS, before);
        assertThat(stored.getResourceLogs(0).getScopeLogs(0).getLogRecordsList()).hasSize(1);

        Reply allBad = send(Signal.LOGS, logs(logWithAttributes("too many", 10_000)));
        assertThat(allBad.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(allBad.message()).isEqualTo("log record 0: 10000 attributes, limit is 128 (ingest.max-attributes)");
        assertStillServing();
    }

    @Test
    void dataPointsWithOverlongAttributeValuesAreRejected() {
        Reply reply = send(Signal.METRICS, metrics("queue.depth", point(1, string("queue", "a")),
                point(2, string("queue", "x".repeat(IngestFixture.LIMITS.maxAttributeValueBytes() + 1)))));

        assertThat(reply.status()).isEqualTo(IngestStatus.OK);
        assertThat(reply.rejected()).isEqualTo(1);
        assertThat(reply.message()).isEqualTo("data point 1 (metric 'queue.depth'): attribute 'queue' value is over "
                + IngestFixture.LIMITS.maxAttributeValueBytes() + " bytes (ingest.max-attribute-value-bytes)");
    }

    @Test
    void aBadResourceRejectsEveryItemUnderIt() {
        ExportTraceServiceRequest request = traces(goodSpan("a"), goodSpan("b"));
        ExportTraceServiceRequest.Builder bad = request.toBuilder();
        bad.getResourceSpansBuilder(0).getResourceBuilder()
                .addAttributes(string("host.name", "h".repeat(IngestFixture.LIMITS.maxAttributeValueBytes() + 5)));

        Reply reply = send(Signal.TRACES, bad.build());

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message()).startsWith("span 0: resource attribute 'host.name' value is over");
    }

    @Test
    void truncatedBodiesAreInvalid() {
        byte[] body = encode(traces(goodSpan("truncated")));
        Reply reply = sendBody(Signal.TRACES, Arrays.copyOf(body, body.length - 7));

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message()).startsWith(decodeFailure());
        assertStillServing();
    }

    @Test
    void randomBytesAreInvalid() {
        byte[] garbage = new byte[4096];
        new Random(20_260_501L).nextBytes(garbage);
        for (Signal signal : Signal.values()) {
            Reply reply = sendBody(signal, garbage);
            assertThat(reply.status()).as(signal.walName()).isEqualTo(IngestStatus.INVALID);
            assertThat(reply.message()).as(signal.walName()).isNotBlank();
        }
        assertStillServing();
    }

    @Test
    void invalidUtf8InAStringIsInvalid() {
        byte[] body = breakUtf8(encode(logs(log("MARKERbody"))), "MARKER");
        Reply reply = sendBody(Signal.LOGS, body);

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message()).containsIgnoringCase("UTF-8");
        assertStillServing();
    }

    @Test
    void oversizedBodiesAreRefused() {
        Reply reply = send(Signal.LOGS, logs(log("x".repeat(IngestFixture.LIMITS.maxRequestBytes() + 1))));

        assertThat(reply.status()).isEqualTo(IngestStatus.TOO_LARGE);
        assertStillServing();
    }

    @Test
    void laggingConsumersAskClientsToRetryLater() {
        fixture.overload.set(Optional.of(new Overload(Overload.Kind.LAGGING, Duration.ofMillis(6_500),
                "logs consumers are 9000 entries behind")));
        long before = fixture.lastIndex(Signal.LOGS);

        Reply reply = send(Signal.LOGS, logs(log("later")));

        assertThat(reply.status()).isEqualTo(IngestStatus.OVERLOADED);
        assertThat(reply.retryAfterSeconds()).isEqualTo(7);
        assertThat(reply.message()).isEqualTo("logs consumers are 9000 entries behind");
        assertThat(fixture.lastIndex(Signal.LOGS)).isEqualTo(before);
    }

    @Test
    void aFullDiskMakesTheReceiverUnavailable() {
        fixture.overload.set(Optional.of(new Overload(Overload.Kind.DISK_FULL, Duration.ofSeconds(30),
                "disk full: 12 MB free")));

        Reply reply = send(Signal.METRICS, metrics("m", point(1)));

        assertThat(reply.status()).isEqualTo(IngestStatus.UNAVAILABLE);
        assertThat(reply.retryAfterSeconds()).isEqualTo(30);
        assertThat(reply.message()).isEqualTo("disk full: 12 MB free");
    }

    @Test
    void requestsAreCountedByCode() {
        double before = fixture.counter("sightline_ingest_requests", "signal", "traces",
                "transport", transport().label());
        send(Signal.TRACES, traces(goodSpan("counted")));
        assertThat(fixture.counter("sightline_ingest_requests", "signal", "traces",
                "transport", transport().label())).isEqualTo(before + 1);
    }

    /** A good request still succeeds (the receiver survived what came before). */
    protected void assertStillServing() {
        long before = fixture.lastIndex(Signal.TRACES);
        Reply reply = send(Signal.TRACES, traces(goodSpan("still serving")));
        assertThat(reply.status()).isEqualTo(IngestStatus.OK);
        assertThat(reply.rejected()).isZero();
        assertThat(fixture.onlyEntryAfter(Signal.TRACES, before)).isNotNull();
    }
}
