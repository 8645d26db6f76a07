package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sightline.ingest.export.ExportFilter;
import io.sightline.ingest.export.ExportRequest;
import io.sightline.ingest.export.LokiPushEncoder;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.otlp.OtlpLogMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogStreams;
import org.junit.jupiter.api.Test;

/**
 * {@link LokiPushEncoder}'s bytes read back by Sightline's own Loki receiver ({@link PushProtobufDecoder},
 * {@link StreamLabelsParser}, {@link PushMapper}): stream labels equal the store's ({@link LogStreams}),
 * lines, times and structured metadata equal the records'. Lives here for the receiver's package-private
 * classes.
 */
class LokiPushEncoderRoundTripTest {
    private static final long NOW = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000_000_000L;

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue s(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static io.opentelemetry.proto.logs.v1.LogRecord.Builder log(long time, String body, int severity, String severityText) {
        return io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(NOW)
                .setBody(s(body)).setSeverityNumberValue(severity).setSeverityText(severityText);
    }

    private static ResourceLogs resource(List<KeyValue> attributes, String scope, io.opentelemetry.proto.logs.v1.LogRecord.Builder... records) {
        ScopeLogs.Builder scopeLogs = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scope).setVersion("1.2"));
        for (io.opentelemetry.proto.logs.v1.LogRecord.Builder record : records) {
            scopeLogs.addLogRecords(record);
        }
        return ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAllAttributes(attributes)).addScopeLogs(scopeLogs).build();
    }

    /** Two services, hostile label values, every attribute kind, ids, out-of-order and equal times, a map body. */
    static List<ExportLogsServiceRequest> requests() {
        ResourceLogs api = resource(List.of(kv("service.name", s("api")), kv("service.namespace", s("shop")),
                        kv("k8s.pod.name", s("api-7d4b9")), kv("weird", s("quote \" backslash \\ nl \n tab \t bell \u0007 del \u007f é ✓ 😀 zwsp \u200b")),
                        kv("empty", s("")), kv("port", AnyValue.newBuilder().setIntValue(8080).build())),
                "io.shop",
                log(NOW - 3 * SECOND, "GET /cart 200", 9, "INFO")
                        .addAttributes(kv("http.route", s("/cart")))
                        .addAttributes(kv("1st", AnyValue.newBuilder().setBoolValue(true).build()))
                        .addAttributes(kv("_private", AnyValue.newBuilder().setDoubleValue(1.50).build()))
                        .addAttributes(kv("nested", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                                .addValues(kv("a", s("x"))).addValues(kv("b", AnyValue.newBuilder().setIntValue(2).build()))).build()))
                        .addAttributes(kv("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                                .addValues(s("q\"")).addValues(AnyValue.newBuilder().setIntValue(3).build())).build()))
                        .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build()))
                        .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                        .setFlags(1),
                log(NOW - 5 * SECOND, "earlier, same stream", 10, "INFO"),
                log(NOW - 5 * SECOND, "same time, after it in the WAL", 9, "INFO"),
                log(NOW - 4 * SECOND, "an error", 17, "ERROR"));
        ResourceLogs worker = resource(List.of(kv("service.name", s("worker"))), "",
                log(0, "no time: observed time used", 0, "").setObservedTimeUnixNano(NOW - SECOND),
                log(NOW - 2 * SECOND, "", 0, "warning")
                        .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("msg", s("structured"))))));
        ResourceLogs anonymous = resource(List.of(kv("host.name", s("node-1"))), "anon", log(NOW - SECOND, "who am I", 5, ""));
        return List.of(
                ExportLogsServiceRequest.newBuilder().addResourceLogs(api).build(),
                ExportLogsServiceRequest.newBuilder().addResourceLogs(worker).addResourceLogs(anonymous).build(),
                ExportLogsServiceRequest.newBuilder().addResourceLogs(resource(api.getResource().getAttributesList(), "io.shop",
                        log(NOW - 6 * SECOND, "next entry, older than the first", 9, "INFO"))).build());
    }

    @Test
    void recordsReadBackAsTheStoreShowsThem() {
        LokiPushEncoder encoder = new LokiPushEncoder(ExportFilter.ALL);
        List<LogRecord> originals = new ArrayList<>();
        int added = 0;
        for (ExportLogsServiceRequest request : requests()) {
            added += encoder.add(WalEntries.otlp(request));
            originals.addAll(OtlpLogMapper.map(request));
        }
        assertThat(added).isEqualTo(originals.size()).isEqualTo(encoder.pendingItems());
        assertThat(encoder.pendingBytes()).isPositive();

        List<ExportRequest> requests = encoder.drain();
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().items()).isEqualTo(originals.size());
        assertThat(encoder.pendingItems()).isZero();
        assertThat(encoder.pendingBytes()).isZero();
        byte[] body = requests.getFirst().body();
        List<PushStream> streams = PushProtobufDecoder.decode(body, body.length);

        // What each stream should hold: the records of its label set, sorted by time (stable).
        Map<Map<String, String>, List<LogRecord>> expected = new LinkedHashMap<>();
        for (LogRecord record : originals) {
            expected.computeIfAbsent(labelMap(record), k -> new ArrayList<>()).add(record);
        }
        expected.values().forEach(list -> list.sort((a, b) -> Long.compare(a.effectiveTimeNanos(), b.effectiveTimeNanos())));

        assertThat(streams).hasSize(expected.size());
        List<Map<String, String>> streamLabels = new ArrayList<>();
        for (PushStream stream : streams) {
            Map<String, String> labels = new TreeMap<>();
            StreamLabelsParser.parse(stream.labels()).forEach(l -> labels.put(l.name(), l.value()));
            streamLabels.add(labels);
            List<LogRecord> records = expected.get(labels);
            assertThat(records).as("stream %s", stream.labels()).isNotNull();
            assertThat(stream.entries()).extracting(PushStream.Entry::line)
                    .containsExactlyElementsOf(records.stream().map(LogRecord::body).toList());
            assertThat(stream.entries()).extracting(PushStream.Entry::timestampNanos)
                    .containsExactlyElementsOf(records.stream().map(LogRecord::effectiveTimeNanos).toList());
            for (int i = 0; i < records.size(); i++) {
                Map<String, String> metadata = new TreeMap<>();
                stream.entries().get(i).structuredMetadata().forEach(l -> metadata.put(l.name(), l.value()));
                assertThat(metadata).isEqualTo(expectedMetadata(records.get(i)));
            }
        }
        assertThat(streamLabels).containsExactlyElementsOf(expected.keySet());

        // Sightline's receiver accepts the push whole and maps each stream's labels back to its resource.
        PushMapper.Mapped mapped = new PushMapper(LokiPushConfig.defaults()).map(streams, NOW);
        assertThat(mapped.rejections().entries()).isZero();
        assertThat(mapped.acceptedEntries()).isEqualTo(originals.size());
        for (int s = 0; s < streams.size(); s++) {
            Map<String, String> resource = new TreeMap<>();
            for (KeyValue attribute : mapped.request().getResourceLogs(s).getResource().getAttributesList()) {
                resource.put(attribute.getKey().equals("service.name") ? "service_name" : attribute.getKey(),
                        attribute.getValue().getStringValue());
            }
            assertThat(resource).isEqualTo(streamLabels.get(s));
        }
    }

    @Test
    void theLabelsAreTheStoresAndQuoteHostileValues() {
        LokiPushEncoder encoder = new LokiPushEncoder(ExportFilter.ALL);
        encoder.add(WalEntries.otlp(requests().getFirst()));
        byte[] body = encoder.drain().getFirst().body();
        String labels = PushProtobufDecoder.decode(body, body.length).getFirst().labels();
        assertThat(labels).startsWith("{job=\"shop/api\", k8s_pod_name=\"api-7d4b9\", level=\"info\", port=\"8080\", "
                + "service_name=\"api\", service_namespace=\"shop\", severity_text=\"INFO\", weird=\"quote \\\" backslash \\\\ "
                + "nl \\n tab \\t bell \\a del \\x7f é ✓ 😀 zwsp \\u200b\"}");
    }

    @Test
    void servicesAreFiltered() {
        LokiPushEncoder encoder = new LokiPushEncoder(new ExportFilter(Set.of(), Set.of("api", ""), 1));
        int added = 0;
        for (ExportLogsServiceRequest request : requests()) {
            added += encoder.add(WalEntries.otlp(request));
        }
        assertThat(added).isEqualTo(2);
        byte[] body = encoder.drain().getFirst().body();
        assertThat(PushProtobufDecoder.decode(body, body.length)).flatExtracting(PushStream::entries)
                .extracting(PushStream.Entry::line).containsExactly("no time: observed time used", "{\"msg\":\"structured\"}");
    }

    @Test
    void corruptEntriesLeaveNothingPending() {
        LokiPushEncoder encoder = new LokiPushEncoder(ExportFilter.ALL);
        byte[] good = WalEntries.otlp(requests().getFirst());
        assertThatThrownBy(() -> encoder.add(Arrays.copyOf(good, good.length - 2))).isInstanceOf(CorruptEntryException.class);
        assertThatThrownBy(() -> encoder.add(new byte[] {2})).isInstanceOf(CorruptEntryException.class);
        assertThat(encoder.pendingItems()).isZero();
        assertThat(encoder.pendingBytes()).isZero();
        assertThat(encoder.drain()).isEmpty();
    }

    @Test
    void longLinesAreCutAsTheStoreCutsThem() {
        LokiPushEncoder encoder = new LokiPushEncoder(ExportFilter.ALL, 30);
        encoder.add(WalEntries.otlp(ExportLogsServiceRequest.newBuilder().addResourceLogs(resource(List.of(), "",
                log(NOW, "x".repeat(100), 9, ""))).build()));
        byte[] body = encoder.drain().getFirst().body();
        assertThat(PushProtobufDecoder.decode(body, body.length).getFirst().entries().getFirst().line())
                .isEqualTo("x".repeat(18) + " [truncated]");
    }

    private static Map<String, String> labelMap(LogRecord record) {
        Map<String, String> labels = new TreeMap<>();
        LogStreams.labels(record).forEach(labels::put);
        return labels;
    }

    /** Sightline's Loki API's structured metadata of the record, written out for these test records. */
    private static Map<String, String> expectedMetadata(LogRecord record) {
        Map<String, String> metadata = new TreeMap<>();
        if (record.body().equals("GET /cart 200")) {
            metadata.putAll(Map.of("http_route", "/cart", "key_1st", "true", "key_private", "1.5", "nested_a", "x",
                    "nested_b", "2", "list", "[\"q\\\"\",3]", "raw", "AQID", "trace_id", "0102030405060708090a0b0c0d0e0f10",
                    "span_id", "0102030405060708", "flags", "1"));
        }
        if (record.timestampNanos() != 0) {
            metadata.put("observed_timestamp", Long.toString(NOW));
        }
        if (record.severityNumber() != 0) {
            metadata.put("severity_number", Integer.toString(record.severityNumber()));
        }
        if (!record.scopeName().isEmpty()) {
            metadata.put("scope_name", record.scopeName());
        }
        metadata.put("scope_version", "1.2");
        return metadata;
    }
}
