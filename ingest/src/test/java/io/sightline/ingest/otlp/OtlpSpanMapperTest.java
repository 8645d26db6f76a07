package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sightline.ingest.Signal;
import io.sightline.storage.traces.SpanRecord;
import org.junit.jupiter.api.Test;

class OtlpSpanMapperTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String PARENT = "53995c3f42cd8ad8";

    private static KeyValue kv(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static Span.Builder span() {
        return Span.newBuilder()
                .setTraceId(ByteString.fromHex(TRACE.toUpperCase()))
                .setSpanId(ByteString.fromHex(SPAN))
                .setParentSpanId(ByteString.fromHex(PARENT))
                .setTraceState("rojo=00f067aa0ba902b7")
                .setFlags(0x301)
                .setName("GET /orders")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_000)
                .setEndTimeUnixNano(4_500)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .setDroppedAttributesCount(1)
                .setDroppedEventsCount(2)
                .setDroppedLinksCount(3);
    }

    private static ExportTraceServiceRequest request(Resource resource, Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jetty").setVersion("2.1"))
                        .addAllSpans(List.of(spans)))).build();
    }

    /** Through a WAL entry, as the applier decodes it. */
    private static List<SpanRecord> mapThroughWal(ExportTraceServiceRequest request) {
        return OtlpSpanMapper.map((ExportTraceServiceRequest) WalEntries.decode(Signal.TRACES, WalEntries.otlp(request)));
    }

    @Test
    void mapsIdsTimesStatusScopeAndServiceName() {
        Resource resource = Resource.newBuilder().addAttributes(TestRequests.string("service.name", "checkout"))
                .addAttributes(TestRequests.string("host.name", "h1")).build();

        SpanRecord span = mapThroughWal(request(resource, span().build())).getFirst();

        assertThat(span.traceId()).isEqualTo(TRACE);
        assertThat(span.spanId()).isEqualTo(SPAN);
        assertThat(span.parentSpanId()).isEqualTo(PARENT);
        assertThat(span.traceState()).isEqualTo("rojo=00f067aa0ba902b7");
        assertThat(span.flags()).isEqualTo(0x301);
        assertThat(span.name()).isEqualTo("GET /orders");
        assertThat(span.kind()).isEqualTo(SpanRecord.KIND_SERVER);
        assertThat(span.startNanos()).isEqualTo(1_000);
        assertThat(span.endNanos()).isEqualTo(4_500);
        assertThat(span.durationNanos()).isEqualTo(3_500);
        assertThat(span.statusCode()).isEqualTo(SpanRecord.STATUS_ERROR);
        assertThat(span.statusMessage()).isEqualTo("boom");
        assertThat(span.serviceName()).isEqualTo("checkout");
        assertThat(span.resource()).isEqualTo(Map.of("host.name", "h1"));
        assertThat(span.scopeName()).isEqualTo("io.opentelemetry.jetty");
        assertThat(span.scopeVersion()).isEqualTo("2.1");
        assertThat(span.droppedAttributes()).isEqualTo(1);
        assertThat(span.droppedEvents()).isEqualTo(2);
        assertThat(span.droppedLinks()).isEqualTo(3);
        assertThat(span.isRoot()).isFalse();
    }

    @Test
    void everyKindAndStatusKeepsItsOtlpNumber() {
        Span.Builder root = span().clearParentSpanId().clearStatus();
        List<SpanRecord> spans = OtlpSpanMapper.map(request(TestRequests.RESOURCE,
                root.setKind(Span.SpanKind.SPAN_KIND_UNSPECIFIED).build(),
                span().setKind(Span.SpanKind.SPAN_KIND_INTERNAL).setStatus(Status.newBuilder()
                        .setCode(Status.StatusCode.STATUS_CODE_OK)).build(),
                span().setKind(Span.SpanKind.SPAN_KIND_CLIENT).build(),
                span().setKind(Span.SpanKind.SPAN_KIND_PRODUCER).build(),
                span().setKind(Span.SpanKind.SPAN_KIND_CONSUMER).build()));

        assertThat(spans).extracting(SpanRecord::kind).containsExactly(SpanRecord.KIND_UNSPECIFIED,
                SpanRecord.KIND_INTERNAL, SpanRecord.KIND_CLIENT, SpanRecord.KIND_PRODUCER, SpanRecord.KIND_CONSUMER);
        assertThat(spans).extracting(SpanRecord::statusCode).containsExactly(SpanRecord.STATUS_UNSET,
                SpanRecord.STATUS_OK, SpanRecord.STATUS_ERROR, SpanRecord.STATUS_ERROR, SpanRecord.STATUS_ERROR);
        assertThat(spans.getFirst().parentSpanId()).isEmpty();
        assertThat(spans.getFirst().isRoot()).isTrue();
        assertThat(spans.getFirst().statusMessage()).isEmpty();
    }

    @Test
    void attributesOfEveryTypeOnSpansEventsAndLinks() {
        Span source = span()
                .addAttributes(kv("s", AnyValue.newBuilder().setStringValue("text")))
                .addAttributes(kv("b", AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(kv("i", AnyValue.newBuilder().setIntValue(-7)))
                .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(0.25)))
                .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {9, 8}))))
                .addAttributes(kv("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1))
                        .addValues(AnyValue.newBuilder().setStringValue("two")))))
                .addAttributes(kv("map", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("inner", AnyValue.newBuilder().setBoolValue(false))))))
                .addAttributes(KeyValue.newBuilder().setKey("unset"))
                .addAttributes(kv("s", AnyValue.newBuilder().setStringValue("last wins")))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(2_000).setName("exception")
                        .addAttributes(kv("exception.type", AnyValue.newBuilder().setStringValue("IOException")))
                        .setDroppedAttributesCount(4))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(3_000).setName("retry"))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
                        .setSpanId(ByteString.fromHex("b7ad6b7169203331")).setTraceState("k=v").setFlags(1)
                        .addAttributes(kv("link.reason", AnyValue.newBuilder().setStringValue("batch"))))
                .build();

        SpanRecord span = mapThroughWal(request(TestRequests.RESOURCE, source)).getFirst();

        assertThat(span.attributes()).containsExactly(
                Map.entry("s", "last wins"), Map.entry("b", true), Map.entry("i", -7L), Map.entry("d", 0.25),
                Map.entry("raw", span.attributes().get("raw")), Map.entry("list", List.of(1L, "two")),
                Map.entry("map", Map.of("inner", false)), Map.entry("unset", ""));
        assertThat((byte[]) span.attributes().get("raw")).containsExactly(9, 8);
        assertThat(span.events()).containsExactly(
                new SpanRecord.SpanEvent(2_000, "exception", Map.of("exception.type", "IOException"), 4),
                new SpanRecord.SpanEvent(3_000, "retry", Map.of(), 0));
        assertThat(span.links()).containsExactly(new SpanRecord.SpanLink("0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331", "k=v", Map.of("link.reason", "batch"), 1));
    }

    @Test
    void missingServiceNameIsEmptyAndANonStringOneIsItsStringForm() {
        Resource none = Resource.newBuilder().addAttributes(TestRequests.string("host.name", "h1")).build();
        Resource numeric = Resource.newBuilder().addAttributes(kv("service.name", AnyValue.newBuilder().setIntValue(42)))
                .build();
        ExportTraceServiceRequest request = request(none, span().build()).toBuilder()
                .addResourceSpans(request(numeric, span().build()).getResourceSpans(0))
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span())))
                .build();

        List<SpanRecord> spans = OtlpSpanMapper.map(request);

        assertThat(spans).extracting(SpanRecord::serviceName).containsExactly("", "42", "");
        assertThat(spans.get(0).resource()).isEqualTo(Map.of("host.name", "h1"));
        assertThat(spans.get(1).resource()).isEmpty();
        assertThat(spans.get(2).scopeName()).isEmpty();
        assertThat(spans.get(2).scopeVersion()).isEmpty();
    }

    @Test
    void spansOfOneResourceShareItsAttributeMap() {
        Resource resource = Resource.newBuilder().addAttributes(TestRequests.string("service.name", "a"))
                .addAttributes(TestRequests.string("k8s.pod.name", "p")).build();
        List<SpanRecord> spans = OtlpSpanMapper.map(request(resource, span().build(), span().build()));
        assertThat(spans.get(0).resource()).isSameAs(spans.get(1).resource());
    }
}
