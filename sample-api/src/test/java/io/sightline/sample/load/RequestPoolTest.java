package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestPoolTest {

    private static final long BUILT_AT = 1_700_000_000_000_000_000L;
    private static final long SENT_AT = 1_800_000_000_123_456_789L;

    @Test
    void stampedBodiesParseWithThePromisedShape() throws Exception {
        RequestPool pool = RequestPool.build(7, 5, 500, 10, BUILT_AT);
        byte[] buffer = new byte[pool.maxBodyBytes()];
        Set<String> services = new HashSet<>();
        int records = 0;
        long bodyChars = 0;
        int traced = 0;
        Map<SeverityNumber, Integer> severities = new java.util.EnumMap<>(SeverityNumber.class);
        for (int i = 0; i < pool.size(); i++) {
            int length = pool.stamp(i, buffer, SENT_AT);
            ExportLogsServiceRequest request =
                    ExportLogsServiceRequest.parseFrom(Arrays.copyOf(buffer, length));
            assertThat(request.getResourceLogsCount()).isEqualTo(1);
            ResourceLogs resourceLogs = request.getResourceLogs(0);
            Map<String, String> resource = strings(resourceLogs.getResource().getAttributesList());
            assertThat(resource).containsKeys("service.name", "service.instance.id", "host.name",
                    "deployment.environment");
            services.add(resource.get("service.name"));
            List<LogRecord> logs = resourceLogs.getScopeLogs(0).getLogRecordsList();
            assertThat(logs).hasSize(500);
            for (int j = 0; j < logs.size(); j++) {
                LogRecord r = logs.get(j);
                records++;
                bodyChars += r.getBody().getStringValue().length();
                severities.merge(r.getSeverityNumber(), 1, Integer::sum);
                assertThat(r.getSeverityText()).isNotEmpty();
                assertThat(r.getAttributesCount()).isBetween(10, 11);
                assertThat(strings(r.getAttributesList()))
                        .containsKeys("http.method", "http.route", "user.id", "region");
                assertThat(r.getAttributesList()).anySatisfy(kv -> {
                    assertThat(kv.getKey()).isEqualTo("http.status_code");
                    assertThat(kv.getValue().getIntValue()).isBetween(200L, 599L);
                });
                if (!r.getTraceId().isEmpty()) {
                    traced++;
                    assertThat(r.getTraceId().size()).isEqualTo(16);
                    assertThat(r.getSpanId().size()).isEqualTo(8);
                }
                // the last record of a body carries the send time; earlier ones are 1 µs apart
                assertThat(r.getTimeUnixNano())
                        .isEqualTo(SENT_AT - (logs.size() - 1 - j) * RequestPool.RECORD_SPACING_NANOS);
                assertThat(r.getObservedTimeUnixNano()).isEqualTo(SENT_AT);
            }
        }
        assertThat(services).hasSize(5);
        assertThat(bodyChars / (double) records).isBetween(150.0, 250.0);
        assertThat(traced).isBetween(records * 85 / 100, records * 95 / 100);
        int info = severities.getOrDefault(SeverityNumber.SEVERITY_NUMBER_INFO, 0);
        assertThat(info).isBetween(records * 70 / 100, records * 90 / 100);
        assertThat(severities).containsKeys(SeverityNumber.SEVERITY_NUMBER_WARN,
                SeverityNumber.SEVERITY_NUMBER_ERROR, SeverityNumber.SEVERITY_NUMBER_DEBUG);
    }

    @Test
    void bodiesAreVariedAndDeterministicForASeed() throws Exception {
        RequestPool a = RequestPool.build(3, 2, 200, 2, BUILT_AT);
        RequestPool b = RequestPool.build(3, 2, 200, 2, BUILT_AT);
        byte[] bufA = new byte[a.maxBodyBytes()];
        byte[] bufB = new byte[b.maxBodyBytes()];
        int lenA = a.stamp(1, bufA, SENT_AT);
        int lenB = b.stamp(1, bufB, SENT_AT);
        assertThat(Arrays.copyOf(bufA, lenA)).isEqualTo(Arrays.copyOf(bufB, lenB));

        List<LogRecord> logs = ExportLogsServiceRequest.parseFrom(Arrays.copyOf(bufA, lenA))
                .getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        Set<String> bodies = logs.stream().map(r -> r.getBody().getStringValue())
                .collect(Collectors.toSet());
        assertThat(bodies).hasSize(logs.size());
        assertThat(bodies).anyMatch(s -> s.contains("HTTP/1.1\""));
        assertThat(bodies).anyMatch(s -> s.matches(".*\\b\\d{7}\\b.*")); // carries an order id
    }

    @Test
    void stampingLeavesThePoolUntouched() throws Exception {
        RequestPool pool = RequestPool.build(1, 1, 3, 1, BUILT_AT);
        byte[] first = new byte[pool.maxBodyBytes()];
        pool.stamp(0, first, SENT_AT);
        byte[] second = new byte[pool.maxBodyBytes()];
        int length = pool.stamp(5, second, SENT_AT + 1); // index wraps round the pool
        ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(Arrays.copyOf(second, length));
        assertThat(request.getResourceLogs(0).getScopeLogs(0).getLogRecords(2).getTimeUnixNano())
                .isEqualTo(SENT_AT + 1);
    }

    @Test
    void serviceNamesAreDistinctBeyondTheBuiltInList() {
        List<String> names = LogBatchGenerator.serviceNames(40);
        assertThat(names).doesNotHaveDuplicates().contains("frontend", "frontend-2", "checkout-4");
    }

    @Test
    void locatorFindsBothTimestampsOfEveryRecord() {
        ExportLogsServiceRequest request = new LogBatchGenerator(9, 3).request(2, 37, BUILT_AT);
        TimestampLocator.Offsets offsets = TimestampLocator.locate(request.toByteArray());
        assertThat(offsets.time()).hasSize(37);
        assertThat(offsets.observed()).hasSize(37);
        assertThat(offsets.time()).isSorted();
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
                kv -> kv.getValue().getStringValue(), (x, y) -> x));
    }
}
