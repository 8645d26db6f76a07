package io.sightline.sample.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sightline.sample.load.GeneratedTrace.Attribute;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes generated traces as one OTLP {@code ExportTraceServiceRequest}: one
 * {@code ResourceSpans} per service (its resource from {@link SpanBatchGenerator#resource}), one
 * scope, the service's spans in trace order. Then {@link SpanFieldLocator} finds the ids and times
 * on the wire, for {@link SpanBody#stamp}. Stateless.
 */
final class OtlpSpanEncoder {

    static final String SCOPE_NAME = "io.sightline.sample.load";
    /** Any non-zero base: protobuf leaves a zero {@code fixed64} out, and every time is re-stamped. */
    static final long BUILD_BASE_NANOS = 1_700_000_000_000_000_000L;

    private OtlpSpanEncoder() {}

    /** The request with every trace starting at {@link #BUILD_BASE_NANOS}. */
    static ExportTraceServiceRequest request(List<GeneratedTrace> traces) {
        return build(traces, new ArrayList<>());
    }

    static SpanBody encode(List<GeneratedTrace> traces) {
        List<int[]> order = new ArrayList<>(); // {trace, span} in wire order
        byte[] bytes = build(traces, order).toByteArray();
        List<SpanFieldLocator.Located> located = SpanFieldLocator.locate(bytes);
        if (located.size() != order.size()) {
            throw new IllegalStateException(located.size() + " spans on the wire, " + order.size() + " written");
        }
        int n = located.size();
        int events = located.stream().mapToInt(l -> l.eventTimeAt().length).sum();
        int parents = (int) located.stream().filter(l -> l.parentIdAt() >= 0).count();
        int[] traceIdAt = new int[n];
        int[] traceIdTrace = new int[n];
        int[] spanIdAt = new int[n + parents];
        long[] spanIdValue = new long[n + parents];
        int[] timeAt = new int[2 * n + events];
        int[] timeTrace = new int[2 * n + events];
        long[] timeOffset = new long[2 * n + events];
        int ids = 0;
        int times = 0;
        for (int k = 0; k < n; k++) {
            SpanFieldLocator.Located l = located.get(k);
            int t = order.get(k)[0];
            GeneratedTrace.Span s = traces.get(t).spans().get(order.get(k)[1]);
            traceIdAt[k] = l.traceIdAt();
            traceIdTrace[k] = t;
            spanIdAt[ids] = l.spanIdAt();
            spanIdValue[ids++] = s.spanId();
            if (l.parentIdAt() >= 0) {
                spanIdAt[ids] = l.parentIdAt();
                spanIdValue[ids++] = s.parentSpanId();
            }
            timeAt[times] = l.startAt();
            timeTrace[times] = t;
            timeOffset[times++] = s.startOffsetNanos();
            timeAt[times] = l.endAt();
            timeTrace[times] = t;
            timeOffset[times++] = s.endOffsetNanos();
            for (int e = 0; e < l.eventTimeAt().length; e++) {
                timeAt[times] = l.eventTimeAt()[e];
                timeTrace[times] = t;
                timeOffset[times++] = s.events().get(e).offsetNanos();
            }
        }
        return new SpanBody(SpanBody.Format.OTLP, bytes, traces,
                new SpanBody.Sites(traceIdAt, traceIdTrace, spanIdAt, spanIdValue, timeAt, timeTrace, timeOffset));
    }

    private static ExportTraceServiceRequest build(List<GeneratedTrace> traces, List<int[]> order) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int service = 0; service < SpanBatchGenerator.SERVICES.size(); service++) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME).setVersion("1.0.0"));
            for (int t = 0; t < traces.size(); t++) {
                GeneratedTrace trace = traces.get(t);
                for (int s = 0; s < trace.spans().size(); s++) {
                    GeneratedTrace.Span span = trace.spans().get(s);
                    if (span.service() == service) {
                        scope.addSpans(span(trace, span));
                        order.add(new int[] {t, s});
                    }
                }
            }
            if (scope.getSpansCount() > 0) {
                Resource.Builder resource = Resource.newBuilder();
                SpanBatchGenerator.resource(service).forEach(a -> resource.addAttributes(kv(a)));
                request.addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope));
            }
        }
        return request.build();
    }

    private static Span span(GeneratedTrace trace, GeneratedTrace.Span s) {
        Span.Builder b = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(trace.traceIdHigh())
                        .putLong(trace.traceIdLow()).array()))
                .setSpanId(id(s.spanId()))
                .setName(s.name())
                .setKindValue(s.kind().otlpNumber)
                .setStartTimeUnixNano(BUILD_BASE_NANOS + s.startOffsetNanos())
                .setEndTimeUnixNano(BUILD_BASE_NANOS + s.endOffsetNanos())
                .setFlags(0x101); // sampled, and the parent's remoteness is known
        if (s.parentSpanId() != 0) {
            b.setParentSpanId(id(s.parentSpanId()));
        }
        s.attributes().forEach(a -> b.addAttributes(kv(a)));
        for (GeneratedTrace.Event e : s.events()) {
            Span.Event.Builder event = Span.Event.newBuilder()
                    .setTimeUnixNano(BUILD_BASE_NANOS + e.offsetNanos()).setName(e.name());
            e.attributes().forEach(a -> event.addAttributes(kv(a)));
            b.addEvents(event);
        }
        if (s.error()) {
            b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(s.statusMessage()));
        }
        return b.build();
    }

    private static ByteString id(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
    }

    static KeyValue kv(Attribute a) {
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (a.value()) {
            case String s -> v.setStringValue(s);
            case Long l -> v.setIntValue(l);
            case Double d -> v.setDoubleValue(d);
            case Boolean bool -> v.setBoolValue(bool);
            default -> throw new IllegalArgumentException("unsupported value " + a.value());
        }
        return KeyValue.newBuilder().setKey(a.key()).setValue(v).build();
    }
}
