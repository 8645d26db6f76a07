package io.sightline.appliance.jar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * One client of the trace crash test: sends OTLP/HTTP protobuf trace exports back to back and books
 * every span, as {@code <traceId>:<spanId>} in lowercase hex, in the shared {@link LogSender.Ledger}
 * as acknowledged (HTTP 200) or not. Each request holds a few whole traces plus, now and then, the
 * first spans of a <em>split</em> trace whose other spans go in the sender's next request (after a
 * restart if a kill falls between them), so the store assembles that trace from parts of two WAL
 * entries. A trace's spans come from two services: a SERVER root and a CLIENT span in
 * {@code trace-crash-front-<client>}, a SERVER span and INTERNAL spans in
 * {@code trace-crash-back-<client>}. Traces start today or up to {@value #DAYS_BACK} days back, and
 * one in {@value #STRADDLING} straddles a UTC midnight (root and CLIENT span before it, the rest
 * after), so the store writes and commits several day partitions and reads a trace from two. Trace ids are {@code <client's seeded 64 bits><trace seq>}, span
 * ids {@code <client><span seq>}: unique over the whole test. One thread uses an instance at a time.
 */
final class SpanSender {
    static final String FRONT = "trace-crash-front-";
    static final String BACK = "trace-crash-back-";
    private static final HexFormat HEX = HexFormat.of();
    /** Whole traces per request, and spans per trace (at least 3: root, client, server), drawn from the seed. */
    private static final int MIN_TRACES = 2;
    private static final int MAX_TRACES = 6;
    private static final int MIN_SPANS = 3;
    private static final int MAX_SPANS = 12;
    /** Traces start up to this many days back (within the default 7-day retention). */
    static final int DAYS_BACK = 2;
    /** One trace in this many straddles a UTC midnight. */
    private static final int STRADDLING = 8;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final List<String> INTERNAL_NAMES = List.of("load", "decode", "render", "check");

    private final int client;
    private final Random random;
    private final long traceHigh;
    private long nextTrace;
    private long nextSpan = 1;
    /** The spans of a split trace still to send, in the next request; empty when none. */
    private List<Span> secondHalf = List.of();
    /** The ledger ids of the last request answered 200 (empty before any), read by the test thread. */
    private volatile List<String> lastAcknowledged = List.of();

    SpanSender(int client, long seed) {
        this.client = client;
        this.random = new Random(seed * 31 + client);
        this.traceHigh = random.nextLong() | 1; // never an all-zero (invalid) trace id
    }

    /** Sends until {@code stop} says so; connection failures (the appliance was killed) are booked, not thrown. */
    void sendUntil(BooleanSupplier stop, ApplianceClient appliance, LogSender.Ledger ledger) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            List<Span> spans = nextRequest();
            List<String> ids = spans.stream().map(SpanSender::id).toList();
            int status;
            try {
                status = appliance.exportTraces(request(spans));
            } catch (IOException e) {
                ledger.failed(ids, e);
                continue;
            }
            if (status == 200) {
                ledger.acknowledged(ids);
                lastAcknowledged = ids;
            } else {
                ledger.refused(ids, status);
            }
        }
    }

    /** The ledger ids of the last acknowledged request: the latest WAL entry of this sender's. */
    List<String> lastAcknowledged() {
        return lastAcknowledged;
    }

    /** The trace id of a ledger id. */
    static String traceOf(String id) {
        return id.substring(0, id.indexOf(':'));
    }

    private static String id(Span span) {
        return HEX.formatHex(span.getTraceId().toByteArray()) + ":" + HEX.formatHex(span.getSpanId().toByteArray());
    }

    /** The pending second half of the last split trace, a few whole traces, maybe the first half of a new split one. */
    private List<Span> nextRequest() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        List<Span> spans = new ArrayList<>(secondHalf);
        secondHalf = List.of();
        for (int t = MIN_TRACES + random.nextInt(MAX_TRACES - MIN_TRACES + 1); t > 0; t--) {
            spans.addAll(trace(nanos));
        }
        if (random.nextBoolean()) {
            List<Span> split = trace(nanos);
            int cut = 1 + random.nextInt(split.size() - 1);
            spans.addAll(split.subList(0, cut));
            secondHalf = List.copyOf(split.subList(cut, split.size()));
        }
        return spans;
    }

    /** One trace: root (front, SERVER) → call (front, CLIENT) → handler (back, SERVER) → internal spans (back). */
    private List<Span> trace(long nanos) {
        ByteString traceId = ByteString.copyFrom(HEX.parseHex(String.format("%016x%016x", traceHigh, nextTrace++)));
        int count = MIN_SPANS + random.nextInt(MAX_SPANS - MIN_SPANS + 1);
        int daysBack = random.nextInt(DAYS_BACK + 1);
        long start = random.nextInt(STRADDLING) == 0
                ? (nanos / NANOS_PER_DAY - daysBack) * NANOS_PER_DAY - 2_000_000L // the handler starts at midnight
                : nanos - daysBack * NANOS_PER_DAY - 50_000_000L;
        List<Span> spans = new ArrayList<>(count);
        Span root = span(traceId, ByteString.EMPTY, "GET /crash", Span.SpanKind.SPAN_KIND_SERVER, start, 40_000_000L);
        Span call = span(traceId, root.getSpanId(), "call back", Span.SpanKind.SPAN_KIND_CLIENT, start + 1_000_000L, 30_000_000L);
        Span handler = span(traceId, call.getSpanId(), "handle", Span.SpanKind.SPAN_KIND_SERVER, start + 2_000_000L, 25_000_000L);
        spans.add(root);
        spans.add(call);
        spans.add(handler);
        for (int i = 3; i < count; i++) {
            spans.add(span(traceId, handler.getSpanId(), INTERNAL_NAMES.get(random.nextInt(INTERNAL_NAMES.size())),
                    Span.SpanKind.SPAN_KIND_INTERNAL, start + 3_000_000L + i * 1_000L, 1_000_000L));
        }
        return spans;
    }

    private Span span(ByteString traceId, ByteString parent, String name, Span.SpanKind kind, long start, long duration) {
        long spanId = ((long) client << 56) | nextSpan++;
        return Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(ByteString.copyFrom(HEX.parseHex(String.format("%016x", spanId))))
                .setParentSpanId(parent)
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + duration)
                .addAttributes(KeyValue.newBuilder().setKey("crash.client")
                        .setValue(AnyValue.newBuilder().setIntValue(client)))
                .build();
    }

    /** The spans grouped by service: front spans (SERVER root, CLIENT) in one resource, back spans in another. */
    private ExportTraceServiceRequest request(List<Span> spans) {
        ScopeSpans.Builder front = ScopeSpans.newBuilder().setScope(scope());
        ScopeSpans.Builder back = ScopeSpans.newBuilder().setScope(scope());
        for (Span span : spans) {
            boolean isFront = span.getParentSpanId().isEmpty() || span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT;
            (isFront ? front : back).addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource(FRONT + client, front))
                .addResourceSpans(resource(BACK + client, back))
                .build();
    }

    private static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("io.sightline.appliance.jar").setVersion("1").build();
    }

    private static ResourceSpans resource(String service, ScopeSpans.Builder scope) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(scope)
                .build();
    }
}
