package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.otlp.WalEntries;
import org.junit.jupiter.api.Test;

class OtlpSignalEncoderTest {

    static Resource resource(String service) {
        Resource.Builder resource = Resource.newBuilder().addAttributes(string("host.name", "node-1"));
        if (service != null) {
            resource.addAttributes(string("service.name", service));
        }
        return resource.build();
    }

    static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** A trace id whose rightmost 56 bits are {@code randomness}. */
    static ByteString traceId(long randomness) {
        byte[] id = new byte[16];
        id[0] = (byte) 0xAB;
        for (int i = 15; i >= 9; i--) {
            id[i] = (byte) randomness;
            randomness >>>= 8;
        }
        return ByteString.copyFrom(id);
    }

    static Span span(long randomness, String name) {
        return Span.newBuilder().setTraceId(traceId(randomness)).setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .setName(name).setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
    }

    static ResourceSpans resourceSpans(String service, Span... spans) {
        return ResourceSpans.newBuilder().setResource(resource(service))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib"))
                        .addAllSpans(List.of(spans)))
                .build();
    }

    static ExportTraceServiceRequest traces(ResourceSpans... resources) {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build();
    }

    static ExportLogsServiceRequest logs(String service, String... bodies) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (String body : bodies) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(5).setBody(AnyValue.newBuilder().setStringValue(body)));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(service)).addScopeLogs(scope)).build();
    }

    @Test
    void passThroughConcatenatesEntriesIntoOneMergedRequest() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest first = traces(resourceSpans("a", span(1, "x"), span(2, "y")));
        ExportTraceServiceRequest second = traces(resourceSpans("b", span(3, "z")), resourceSpans(null, span(4, "w")));
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.TRACES, ExportFilter.ALL);

        assertThat(encoder.add(WalEntries.otlp(first))).isEqualTo(2);
        assertThat(encoder.add(WalEntries.otlp(second))).isEqualTo(2);
        assertThat(encoder.pendingItems()).isEqualTo(4);
        assertThat(encoder.pendingBytes()).isEqualTo(first.getSerializedSize() + second.getSerializedSize());

        List<ExportRequest> requests = encoder.drain();
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().items()).isEqualTo(4);
        assertThat(ExportTraceServiceRequest.parseFrom(requests.getFirst().bytes()))
                .isEqualTo(first.toBuilder().addAllResourceSpans(second.getResourceSpansList()).build());
        assertThat(encoder.pendingItems()).isZero();
        assertThat(encoder.pendingBytes()).isZero();
        assertThat(encoder.drain()).isEmpty();
    }

    @Test
    void passThroughCountsLogRecords() throws InvalidProtocolBufferException {
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.LOGS, ExportFilter.ALL);
        assertThat(encoder.add(WalEntries.otlp(logs("a", "one", "two", "three")))).isEqualTo(3);
        assertThat(encoder.add(WalEntries.otlp(logs("b", "four")))).isEqualTo(1);

        ExportRequest request = encoder.drain().getFirst();
        assertThat(request.items()).isEqualTo(4);
        assertThat(ExportLogsServiceRequest.parseFrom(request.bytes()).getResourceLogsList())
                .extracting(r -> r.getScopeLogs(0).getLogRecordsCount()).containsExactly(3, 1);
    }

    @Test
    void corruptEntriesLeaveNothingPending() {
        OtlpSignalEncoder passThrough = new OtlpSignalEncoder(Signal.TRACES, ExportFilter.ALL);
        OtlpSignalEncoder filtered = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of("a"), Set.of(), 1));
        byte[] good = WalEntries.otlp(traces(resourceSpans("a", span(1, "x"))));
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] otherFormat = good.clone();
        otherFormat[0] = 2;
        for (OtlpSignalEncoder encoder : List.of(passThrough, filtered)) {
            for (byte[] bad : List.of(truncated, otherFormat, new byte[0], new byte[] {1, (byte) 0x0A, 0x05, 0x0A})) {
                assertThatThrownBy(() -> encoder.add(bad)).isInstanceOf(CorruptEntryException.class);
            }
            assertThat(encoder.pendingItems()).isZero();
            assertThat(encoder.pendingBytes()).isZero();
            assertThat(encoder.drain()).isEmpty();
        }
    }

    @Test
    void servicesAreFilteredAndAMissingServiceNameIsEmpty() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest request = traces(resourceSpans("a", span(1, "x")), resourceSpans("b", span(2, "y")),
                resourceSpans(null, span(3, "z")));
        OtlpSignalEncoder onlyA = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of("a", ""), Set.of(), 1));
        OtlpSignalEncoder notA = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of(), Set.of("a", ""), 1));

        assertThat(onlyA.add(WalEntries.otlp(request))).isEqualTo(2);
        assertThat(notA.add(WalEntries.otlp(request))).isEqualTo(1);

        assertThat(names(onlyA.drain().getFirst())).containsExactly("x", "z");
        assertThat(names(notA.drain().getFirst())).containsExactly("y");
    }

    @Test
    void logsAreFilteredByService() throws InvalidProtocolBufferException {
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.LOGS, new ExportFilter(Set.of(), Set.of("noisy"), 1));
        assertThat(encoder.add(WalEntries.otlp(logs("noisy", "a", "b")))).isZero();
        assertThat(encoder.pendingBytes()).isZero();
        assertThat(encoder.add(WalEntries.otlp(logs("quiet", "c")))).isEqualTo(1);

        ExportLogsServiceRequest sent = ExportLogsServiceRequest.parseFrom(encoder.drain().getFirst().bytes());
        assertThat(sent).isEqualTo(logs("quiet", "c"));
    }

    @Test
    void anEntryThatLosesNothingIsSentAsItsBytes() {
        ExportTraceServiceRequest request = traces(resourceSpans("a", span(1, "x")));
        byte[] entry = WalEntries.otlp(request);
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of("a"), Set.of(), 1));
        encoder.add(entry);
        assertThat(encoder.drain().getFirst().bytes()).isEqualTo(Arrays.copyOfRange(entry, 1, entry.length));
    }

    @Test
    void spansAreSampledByTraceIdAndEmptiedGroupsDropped() throws InvalidProtocolBufferException {
        long threshold = TraceIdRatio.MAX_ADJUSTED_COUNT / 4 * 3; // ratio 0.25
        ExportTraceServiceRequest request = traces(
                resourceSpans("a", span(threshold - 1, "dropped"), span(threshold, "kept"), span(threshold - 1, "sibling")),
                resourceSpans("b", span(0, "gone"), span(threshold / 2, "gone too")),
                resourceSpans("c", span(TraceIdRatio.MAX_ADJUSTED_COUNT - 1, "last")));
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of(), Set.of(), 0.25));

        assertThat(encoder.add(WalEntries.otlp(request))).isEqualTo(2);
        ExportRequest sent = encoder.drain().getFirst();
        assertThat(sent.items()).isEqualTo(2);
        ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(sent.bytes());
        assertThat(parsed.getResourceSpansList()).extracting(r -> r.getResource().getAttributes(1).getValue().getStringValue())
                .containsExactly("a", "c");
        assertThat(names(sent)).containsExactly("kept", "last");
        assertThat(parsed.getResourceSpans(0).getScopeSpans(0).getScope().getName()).isEqualTo("lib");
    }

    @Test
    void emptiedScopesAreDroppedAndKeptScopesStay() throws InvalidProtocolBufferException {
        ResourceSpans resource = ResourceSpans.newBuilder().setResource(resource("a"))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("kept"))
                        .addSpans(span(TraceIdRatio.MAX_ADJUSTED_COUNT - 1, "x")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("emptied"))
                        .addSpans(span(0, "y")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("also kept"))
                        .addSpans(span(TraceIdRatio.MAX_ADJUSTED_COUNT - 2, "z")))
                .build();
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of(), Set.of(), 0.5));

        assertThat(encoder.add(WalEntries.otlp(traces(resource)))).isEqualTo(2);
        ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(encoder.drain().getFirst().bytes());
        assertThat(parsed.getResourceSpans(0).getScopeSpansList()).extracting(s -> s.getScope().getName())
                .containsExactly("kept", "also kept");
    }

    @Test
    void ratioZeroSendsNothing() {
        OtlpSignalEncoder encoder = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of(), Set.of(), 0));
        assertThat(encoder.add(WalEntries.otlp(traces(resourceSpans("a", span(TraceIdRatio.MAX_ADJUSTED_COUNT - 1, "x"))))))
                .isZero();
        assertThat(encoder.drain()).isEmpty();
    }

    @Test
    void onlyLogsAndTraces() {
        assertThatThrownBy(() -> new OtlpSignalEncoder(Signal.METRICS, ExportFilter.ALL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(ExportRequest request) throws InvalidProtocolBufferException {
        return ExportTraceServiceRequest.parseFrom(request.bytes()).getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream()).flatMap(s -> s.getSpansList().stream())
                .map(Span::getName).toList();
    }
}
