package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two encodings of the same traces decode, patch correctly and say the same thing. */
class SpanBodyTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final HexFormat HEX = HexFormat.of();

    static {
        System.out.println("SpanBodyTest seed " + SEED + " (replay with -Dtests.seed=" + SEED + ")");
    }

    @Test
    void otlpBodiesDecodeWithNewIdsAndTimesAfterEveryStamp() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED);
        List<GeneratedTrace> traces = new SpanBatchGenerator(SEED).batch(500);
        SpanBody body = OtlpSpanEncoder.encode(traces);
        assertThat(ExportTraceServiceRequest.parseFrom(body.original()))
                .isEqualTo(OtlpSpanEncoder.request(traces));
        byte[] buffer = new byte[body.length()];
        for (int send = 0; send < 5; send++) {
            SpanBody.IdMask mask = SpanBody.IdMask.of(SEED, r.nextLong(1_000_000));
            long[] starts = starts(r, body.traces());
            ExportTraceServiceRequest request =
                    ExportTraceServiceRequest.parseFrom(Arrays.copyOf(buffer, body.stamp(buffer, mask, starts)));
            Map<Long, Span> byId = new HashMap<>();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                for (Span s : rs.getScopeSpans(0).getSpansList()) {
                    byId.put(ByteBuffer.wrap(s.getSpanId().toByteArray()).getLong(), s);
                }
            }
            assertThat(byId).hasSize(500);
            for (int t = 0; t < traces.size(); t++) {
                GeneratedTrace trace = traces.get(t);
                for (GeneratedTrace.Span g : trace.spans()) {
                    Span s = byId.get(g.spanId() ^ mask.span());
                    assertThat(s).as("seed %d: span %x", SEED, g.spanId()).isNotNull();
                    assertThat(HEX.formatHex(s.getTraceId().toByteArray())).isEqualTo(body.traceIdHex(t, mask));
                    assertThat(s.getParentSpanId().isEmpty() ? 0L : ByteBuffer.wrap(s.getParentSpanId().toByteArray()).getLong())
                            .isEqualTo(g.parentSpanId() == 0 ? 0L : g.parentSpanId() ^ mask.span());
                    assertThat(s.getStartTimeUnixNano()).isEqualTo(starts[t] + g.startOffsetNanos());
                    assertThat(s.getEndTimeUnixNano()).isEqualTo(starts[t] + g.endOffsetNanos());
                    for (int e = 0; e < g.events().size(); e++) {
                        assertThat(s.getEvents(e).getTimeUnixNano()).isEqualTo(starts[t] + g.events().get(e).offsetNanos());
                    }
                    assertThat(s.getName()).isEqualTo(g.name());
                    assertThat(s.getAttributesCount()).isEqualTo(g.attributes().size());
                    assertThat(s.getStatus().getCode()).isEqualTo(g.error() ? Status.StatusCode.STATUS_CODE_ERROR
                            : Status.StatusCode.STATUS_CODE_UNSET);
                }
            }
        }
    }

    @Test
    void zipkinJsonParsesAndCarriesTheOtlpSpansOfTheSameSeed() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED);
        SpanRequestPool otlp = SpanRequestPool.build(SpanBody.Format.OTLP, SEED, 300, 2);
        SpanRequestPool zipkin = SpanRequestPool.build(SpanBody.Format.ZIPKIN, SEED, 300, 2);
        for (int send = 0; send < 4; send++) {
            SpanBody o = otlp.body(send);
            SpanBody z = zipkin.body(send);
            assertThat(z.traces()).isEqualTo(o.traces());
            SpanBody.IdMask mask = SpanBody.IdMask.of(SEED, send);
            long[] starts = starts(r, o.traces());
            byte[] ob = new byte[o.length()];
            byte[] zb = new byte[z.length()];
            ExportTraceServiceRequest request =
                    ExportTraceServiceRequest.parseFrom(Arrays.copyOf(ob, o.stamp(ob, mask, starts)));
            List<?> json = (List<?>) MiniJson.parse(new String(zb, 0, z.stamp(zb, mask, starts), StandardCharsets.UTF_8));
            Map<String, Map<?, ?>> zipkinById = new HashMap<>();
            json.forEach(s -> zipkinById.put((String) ((Map<?, ?>) s).get("id"), (Map<?, ?>) s));
            assertThat(zipkinById).hasSize(300);
            Set<String> traceIds = new HashSet<>();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributes(0).getValue().getStringValue();
                for (Span s : rs.getScopeSpans(0).getSpansList()) {
                    Map<?, ?> zs = zipkinById.get(HEX.formatHex(s.getSpanId().toByteArray()));
                    assertThat(zs).as("seed %d", SEED).isNotNull();
                    String traceId = HEX.formatHex(s.getTraceId().toByteArray());
                    traceIds.add(traceId);
                    assertThat(zs.get("traceId")).isEqualTo(traceId);
                    assertThat(zs.get("parentId")).isEqualTo(
                            s.getParentSpanId().isEmpty() ? null : HEX.formatHex(s.getParentSpanId().toByteArray()));
                    assertThat(zs.get("name")).isEqualTo(s.getName());
                    assertThat(zs.get("kind")).isEqualTo(switch (s.getKind()) {
                        case SPAN_KIND_SERVER -> "SERVER";
                        case SPAN_KIND_CLIENT -> "CLIENT";
                        case SPAN_KIND_PRODUCER -> "PRODUCER";
                        case SPAN_KIND_CONSUMER -> "CONSUMER";
                        default -> null;
                    });
                    assertThat(zs.get("timestamp")).isEqualTo(s.getStartTimeUnixNano() / 1_000);
                    assertThat(zs.get("duration")).isEqualTo((s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1_000);
                    assertThat(((Map<?, ?>) zs.get("localEndpoint")).get("serviceName")).isEqualTo(service);
                    Map<String, String> tags = new LinkedHashMap<>();
                    s.getAttributesList().forEach(kv -> tags.put(kv.getKey(), text(kv.getValue())));
                    if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
                        tags.put("otel.status_code", "ERROR");
                        tags.put("error", s.getStatus().getMessage().isEmpty() ? "true" : s.getStatus().getMessage());
                    }
                    assertThat(zs.get("tags")).isEqualTo(tags);
                    List<?> annotations = (List<?>) zs.get("annotations");
                    assertThat(annotations == null ? 0 : annotations.size()).isEqualTo(s.getEventsCount());
                    for (int e = 0; e < s.getEventsCount(); e++) {
                        Map<?, ?> a = (Map<?, ?>) annotations.get(e);
                        assertThat(a.get("timestamp")).isEqualTo(s.getEvents(e).getTimeUnixNano() / 1_000);
                        Map<?, ?> attrs = (Map<?, ?>) MiniJson.parse(((String) a.get("value")).substring("exception ".length()));
                        assertThat(attrs.get("exception.type")).isEqualTo(attribute(s.getEvents(e).getAttributesList(), "exception.type"));
                    }
                }
            }
            assertThat(traceIds).hasSize(o.traces());
            for (int t = 0; t < o.traces(); t++) {
                assertThat(traceIds).contains(o.traceIdHex(t, mask));
            }
        }
    }

    @Test
    void differentSendsGetDifferentIds() {
        Set<String> ids = new HashSet<>();
        SpanBody body = OtlpSpanEncoder.encode(new SpanBatchGenerator(SEED).batch(100));
        for (long send = 0; send < 1_000; send++) {
            SpanBody.IdMask mask = SpanBody.IdMask.of(SEED, send);
            for (int t = 0; t < body.traces(); t++) {
                assertThat(ids.add(body.traceIdHex(t, mask))).isTrue();
            }
        }
    }

    private static long[] starts(SplittableRandom r, int traces) {
        long[] starts = new long[traces];
        long base = 1_750_000_000_000_000_000L + r.nextLong(100_000_000_000_000_000L);
        for (int t = 0; t < traces; t++) {
            starts[t] = base + r.nextLong(86_400_000_000_000L);
        }
        return starts;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> throw new AssertionError(v);
        };
    }

    private static String attribute(List<KeyValue> kvs, String key) {
        return kvs.stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElseThrow().getValue().getStringValue();
    }
}
