package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushMapperTest {
    private static final long NOW = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long MINUTE = 60_000_000_000L;

    private final PushMapper mapper = new PushMapper(LokiPushConfig.defaults());
    /** Small label limits: 3 labels, names of 8 bytes, values of 10. */
    private final PushMapper strict = new PushMapper(new LokiPushConfig(1 << 20, 3, 8, 10, Duration.ofDays(7),
            Duration.ofMinutes(10), List.of("app")));

    @Test
    void aStreamBecomesAResourceAndItsEntriesRecords() {
        PushMapper.Mapped mapped = mapper.map(List.of(new PushStream("{job=\"varlogs\", service_name=\"api\", env=\"\"}",
                List.of(new PushStream.Entry(NOW - MINUTE, "GET /health 200", List.of(new LokiLabel("trace_id", "abc")))))),
                NOW);

        assertThat(mapped.acceptedEntries()).isEqualTo(1);
        assertThat(mapped.rejections().entries()).isZero();
        ResourceLogs resource = mapped.request().getResourceLogs(0);
        assertThat(attributes(resource.getResource().getAttributesList()))
                .containsExactly(Map.entry("service.name", "api"), Map.entry("job", "varlogs"));
        LogRecord record = resource.getScopeLogs(0).getLogRecords(0);
        assertThat(record.getTimeUnixNano()).isEqualTo(NOW - MINUTE);
        assertThat(record.getObservedTimeUnixNano()).isEqualTo(NOW);
        assertThat(record.getBody().getStringValue()).isEqualTo("GET /health 200");
        assertThat(attributes(record.getAttributesList())).containsExactly(Map.entry("trace_id", "abc"));
        assertThat(record.getSeverityNumberValue()).isZero();
        assertThat(record.getSeverityText()).isEmpty();
    }

    /** Labels | service.name (Loki 3's discover_service_name, service_name itself first). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {service_name="a", service="b"}         | a
            {job="j", app="x"}                      | x
            {job="j", container="c", name="n"}      | n
            {job="j", k8s_job_name="k"}             | j
            {k8s_job_name="k"}                      | k
            {app="", job="j"}                       | j
            {host="h"}                              | unknown_service
            """)
    void serviceNameIsDiscoveredAsLokiDoes(String labels, String serviceName) {
        PushMapper.Mapped mapped = mapper.map(List.of(new PushStream(labels,
                List.of(new PushStream.Entry(NOW, "x", List.of())))), NOW);
        assertThat(attributes(mapped.request().getResourceLogs(0).getResource().getAttributesList()))
                .containsEntry("service.name", serviceName).doesNotContainKey("service_name");
    }

    @Test
    void withoutDiscoveryAStreamWithoutServiceNameHasNone() {
        PushMapper plain = new PushMapper(new LokiPushConfig(1 << 20, 15, 1024, 2048, Duration.ZERO, Duration.ofMinutes(10),
                List.of()));
        PushMapper.Mapped mapped = plain.map(List.of(new PushStream("{app=\"x\"}",
                List.of(new PushStream.Entry(1, "from 1970", List.of())))), NOW);
        assertThat(mapped.acceptedEntries()).as("no age limit").isEqualTo(1);
        assertThat(attributes(mapped.request().getResourceLogs(0).getResource().getAttributesList()))
                .containsExactly(Map.entry("app", "x"));
    }

    /** Labels | structured metadata (name=value) | severity number | severity text. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {app="a"}                    |                        | 0  |
            {app="a", level="warn"}      |                        | 13 | warn
            {app="a", level="WARNING"}   |                        | 13 | WARNING
            {app="a", severity="error"}  |                        | 17 | error
            {app="a", level="info"}      | level=critical         | 21 | critical
            {app="a"}                    | detected_level=debug   | 5  | debug
            {app="a"}                    | level=trace            | 1  | trace
            {app="a"}                    | level=fatal            | 21 | fatal
            {app="a"}                    | level=unknown          | 0  | unknown
            {app="a", detected_level="info", level="error"} |     | 17 | error
            """)
    void severityComesFromLevelLabelsOrStructuredMetadata(String labels, String metadata, int number, String text) {
        List<LokiLabel> pairs = metadata == null ? List.of()
                : List.of(new LokiLabel(metadata.split("=")[0], metadata.split("=")[1]));
        LogRecord record = mapper.map(List.of(new PushStream(labels, List.of(new PushStream.Entry(NOW, "x", pairs)))), NOW)
                .request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(record.getSeverityNumberValue()).isEqualTo(number);
        assertThat(record.getSeverityText()).isEqualTo(text == null ? "" : text);
    }

    /** Labels | discard reason | Loki's message (limits here: 3 labels, names 8 bytes, values 10 bytes). */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {job="a"                                 | invalid_labels              | Error parsing labels '{job="a"' with error: expected ',' or '}' but the labels end at column 9
            {}                                       | missing_labels              | error at least one label pair is required per stream
            ''                                       | missing_labels              | error at least one label pair is required per stream
            {a="1", b="2", c="3", d="4"}             | max_label_names_per_series  | entry for stream '{a="1", b="2", c="3", d="4"}' has 4 label names; limit 3
            {a="1", namenamename="2"}                | label_name_too_long         | stream '{a="1", namenamename="2"}' has label name too long: 'namenamename'
            {a="12345678901"}                        | label_value_too_long        | stream '{a="12345678901"}' has label value too long: '12345678901'
            {a="1", a="2"}                           | duplicate_label_names       | stream '{a="1", a="2"}' has duplicate label name: 'a'
            """)
    void badStreamsAreRefusedWholeWithLokisMessages(String labels, String reason, String message) {
        PushMapper.Mapped mapped = strict.map(List.of(
                new PushStream(labels == null ? "" : labels, List.of(new PushStream.Entry(NOW, "x", List.of()),
                        new PushStream.Entry(NOW, "y", List.of()))),
                new PushStream("{app=\"good\"}", List.of(new PushStream.Entry(NOW, "z", List.of())))), NOW);

        assertThat(mapped.acceptedEntries()).isEqualTo(1);
        assertThat(mapped.rejections().byReason()).containsExactly(Map.entry(reason, 2L));
        assertThat(mapped.rejections().message()).isEqualTo(message);
        assertThat(mapped.request().getResourceLogsCount()).isEqualTo(1);
    }

    @Test
    void serviceNameDoesNotCountAgainstTheLabelLimit() {
        PushMapper.Mapped mapped = new PushMapper(new LokiPushConfig(1 << 20, 3, 1024, 2048, Duration.ofDays(7),
                Duration.ofMinutes(10), List.of())).map(List.of(new PushStream("{a=\"1\", b=\"2\", c=\"3\", service_name=\"s\"}",
                List.of(new PushStream.Entry(NOW, "x", List.of())))), NOW);
        assertThat(mapped.acceptedEntries()).isEqualTo(1);
    }

    @Test
    void entriesTooOldOrTooFarAheadAreRefusedAlone() {
        PushMapper.Mapped mapped = mapper.map(List.of(new PushStream("{app=\"a\"}", List.of(
                new PushStream.Entry(NOW - 8 * 24 * 60 * MINUTE, "old", List.of()),
                new PushStream.Entry(NOW - 6 * 24 * 60 * MINUTE, "recent enough", List.of()),
                new PushStream.Entry(NOW + 9 * MINUTE, "within the grace period", List.of()),
                new PushStream.Entry(NOW + 11 * MINUTE, "ahead", List.of()),
                new PushStream.Entry(-1, "before 1970", List.of())))), NOW);

        assertThat(mapped.acceptedEntries()).isEqualTo(2);
        assertThat(mapped.rejections().byReason())
                .containsExactly(Map.entry("greater_than_max_sample_age", 2L), Map.entry("too_far_in_future", 1L));
        assertThat(mapped.rejections().message()).isEqualTo("""
                entry for stream '{app="a"}' has timestamp too old: 2025-12-24T00:00:00Z, oldest acceptable timestamp is: 2025-12-25T00:00:00Z
                entry for stream '{app="a"}' has timestamp too new: 2026-01-01T00:11:00Z
                entry for stream '{app="a"}' has timestamp too old: 1969-12-31T23:59:59Z, oldest acceptable timestamp is: 2025-12-25T00:00:00Z""");
        assertThat(mapped.request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
                .extracting(r -> r.getBody().getStringValue()).containsExactly("recent enough", "within the grace period");
    }

    @Test
    void anEmptyPushIsNothingToWriteAndNothingRefused() {
        PushMapper.Mapped mapped = mapper.map(List.of(new PushStream("{app=\"a\"}", List.of())), NOW);
        assertThat(mapped.acceptedEntries()).isZero();
        assertThat(mapped.rejections().entries()).isZero();
        assertThat(mapped.request().getResourceLogsCount()).isZero();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(),
                (a, b) -> b, java.util.LinkedHashMap::new));
    }
}
