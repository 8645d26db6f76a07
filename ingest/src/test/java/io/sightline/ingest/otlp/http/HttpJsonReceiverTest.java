package io.sightline.ingest.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.Reply;
import io.sightline.ingest.otlp.TestRequests;
import org.junit.jupiter.api.Test;

/**
 * The receiver contract over OTLP/HTTP with JSON bodies written by hand as the OTLP spec shows them
 * (the Java SDK has no JSON exporter): hex ids, lowerCamelCase or snake_case names, enums by name
 * or number, 64-bit integers as strings or numbers.
 */
class HttpJsonReceiverTest extends HttpReceiverContract {
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

    @Override
    protected Transport transport() {
        return Transport.HTTP_JSON;
    }

    @Override
    protected String contentType() {
        return "application/json";
    }

    @Override
    protected byte[] encode(Message request) {
        return TestRequests.json(request);
    }

    private void postJson(Signal signal, String json, boolean gzip) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = post(signal, "application/json; charset=utf-8",
                HttpRequest.BodyPublishers.ofByteArray(gzip ? gzip(body) : body), gzip);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    @Override
    protected String exportSpan(boolean gzip) {
        postJson(Signal.TRACES, """
                {"resourceSpans": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
                  "scopeSpans": [{
                    "scope": {"name": "hand"},
                    "spans": [{
                      "traceId": "%s",
                      "spanId": "EEE19B7EC3C1B174",
                      "parentSpanId": "",
                      "name": "GET /orders",
                      "kind": "SPAN_KIND_SERVER",
                      "startTimeUnixNano": "1700000000000000000",
                      "endTimeUnixNano": 1700000000100000000,
                      "attributes": [{"key": "http.route", "value": {"stringValue": "/orders"}}],
                      "links": [{"traceId": "%s", "spanId": "0102030405060708"}],
                      "status": {"code": 2}
                    }]
                  }]
                }]}
                """.formatted(TRACE_ID, TRACE_ID), gzip);
        return TRACE_ID;
    }

    @Override
    protected String exportLog(boolean gzip) {
        postJson(Signal.LOGS, """
                {"resource_logs": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"string_value": "checkout"}}]},
                  "scope_logs": [{
                    "log_records": [{
                      "time_unix_nano": "1700000000000000000",
                      "severity_number": "SEVERITY_NUMBER_WARN",
                      "severity_text": "WARN",
                      "body": {"string_value": "order 42 placed"},
                      "attributes": [{"key": "order.id", "value": {"int_value": "42"}}],
                      "trace_id": "%s",
                      "span_id": "eee19b7ec3c1b174",
                      "unknown_future_field": {"ignored": true}
                    }]
                  }]
                }]}
                """.formatted(TRACE_ID), gzip);
        return TRACE_ID;
    }

    @Override
    protected void exportMetric(boolean gzip) {
        postJson(Signal.METRICS, """
                {"resourceMetrics": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
                  "scopeMetrics": [{
                    "metrics": [{
                      "name": "orders.placed",
                      "sum": {
                        "aggregationTemporality": 2,
                        "isMonotonic": true,
                        "dataPoints": [{
                          "asInt": "3",
                          "timeUnixNano": "%d",
                          "attributes": [{"key": "region", "value": {"stringValue": "eu"}}],
                          "exemplars": [{"asInt": 1, "traceId": "%s", "spanId": "eee19b7ec3c1b174"}]
                        }]
                      }
                    }]
                  }]
                }]}
                """.formatted(nanosNow(), TRACE_ID), gzip);
    }

    /** A fresh time per export: the same point again would be an ignored duplicate. */
    private static long nanosNow() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    protected String decodeFailure() {
        return "invalid JSON";
    }

    @Test
    void idsAreReadAsHexAndEnumsByName() {
        long before = fixture.lastIndex(Signal.TRACES);
        exportSpan(false);
        Span span = ((ExportTraceServiceRequest) fixture.onlyEntryAfter(Signal.TRACES, before))
                .getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(span.getTraceId().size()).isEqualTo(16);
        assertThat(span.getSpanId().toByteArray()).containsExactly(0xEE, 0xE1, 0x9B, 0x7E, 0xC3, 0xC1, 0xB1, 0x74);
        assertThat(span.getLinks(0).getSpanId().toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_700_000_000_100_000_000L);

        long logsBefore = fixture.lastIndex(Signal.LOGS);
        exportLog(false);
        var log = ((ExportLogsServiceRequest) fixture.onlyEntryAfter(Signal.LOGS, logsBefore))
                .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(log.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(log.getSpanId().size()).isEqualTo(8);
    }

    @Test
    void aNonHexIdIsInvalidAndNamesTheField() {
        Reply reply = sendBody(Signal.TRACES, """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"zz11223344556677","name":"x"}]}]}]}
                """.formatted(TRACE_ID).getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message())
                .isEqualTo("resourceSpans[0].scopeSpans[0].spans[0].spanId: 'zz11223344556677' is not a hex id");
    }

    @Test
    void anOddLengthIdIsInvalid() {
        Reply reply = sendBody(Signal.LOGS, """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"trace_id":"abc"}]}]}]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(IngestStatus.INVALID);
        assertThat(reply.message()).isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[0].trace_id: 'abc' is not a hex id");
    }

    @Test
    void malformedJsonIsInvalid() {
        for (String body : new String[] {"{\"resourceSpans\": [", "[]", "{} {}", "{\"resourceSpans\": 5}"}) {
            Reply reply = sendBody(Signal.TRACES, body.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).as(body).isEqualTo(IngestStatus.INVALID);
            assertThat(reply.message()).as(body).startsWith("invalid");
        }
        assertStillServing();
    }

    @Test
    void errorsAnswerInJson() {
        HttpResponse<byte[]> response = post(Signal.TRACES, "application/json",
                HttpRequest.BodyPublishers.ofString("{"), false);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"code\":3,\"message\":\"invalid JSON");
    }
}
