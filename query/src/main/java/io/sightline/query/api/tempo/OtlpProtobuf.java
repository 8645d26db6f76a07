package io.sightline.query.api.tempo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * A trace in protobuf, what Grafana's Tempo data source asks for ({@code Accept:
 * application/protobuf}): Tempo's {@code tempopb.Trace} ({@code repeated ResourceSpans batches = 1})
 * for {@code /api/traces/<id>}, and {@code tempopb.TraceByIDResponse} ({@code Trace trace = 1}) for
 * {@code /api/v2/traces/<id>}, with OTLP's {@code trace.proto}/{@code common.proto} field numbers.
 * Written by hand (a few dozen fields) so that the query module needs no protobuf runtime. Stateless.
 */
final class OtlpProtobuf {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH = 2;
    private static final int FIXED32 = 5;
    private static final HexFormat HEX = HexFormat.of();

    private OtlpProtobuf() {
    }

    /** {@code tempopb.Trace}. */
    static byte[] trace(List<SpanRecord> spans) {
        Message trace = new Message();
        for (ResourceGroups.Resource resource : ResourceGroups.of(spans).resources()) {
            trace.message(1, resourceSpans(resource));
        }
        return trace.bytes();
    }

    /** {@code tempopb.TraceByIDResponse} holding the trace. */
    static byte[] traceByIdResponse(List<SpanRecord> spans) {
        Message response = new Message();
        response.bytes(1, trace(spans));
        return response.bytes();
    }

    private static Message resourceSpans(ResourceGroups.Resource resource) {
        Message out = new Message();
        Message r = new Message();
        attributes(r, 1, resource.attributes());
        out.message(1, r);
        for (ResourceGroups.Scope scope : resource.scopes()) {
            Message scopeSpans = new Message();
            Message s = new Message();
            s.string(1, scope.name());
            s.string(2, scope.version());
            scopeSpans.message(1, s);
            for (SpanRecord span : scope.spans()) {
                scopeSpans.message(2, span(span));
            }
            out.message(2, scopeSpans);
        }
        return out;
    }

    private static Message span(SpanRecord span) {
        Message m = new Message();
        m.bytes(1, id(span.traceId()));
        m.bytes(2, id(span.spanId()));
        m.string(3, span.traceState());
        if (!span.parentSpanId().isEmpty()) {
            m.bytes(4, id(span.parentSpanId()));
        }
        m.string(5, span.name());
        m.varint(6, span.kind());
        m.fixed64(7, span.startNanos());
        m.fixed64(8, span.endNanos());
        attributes(m, 9, span.attributes());
        m.varint(10, span.droppedAttributes());
        for (SpanRecord.SpanEvent event : span.events()) {
            Message e = new Message();
            e.fixed64(1, event.timeNanos());
            e.string(2, event.name());
            attributes(e, 3, event.attributes());
            e.varint(4, event.droppedAttributes());
            m.message(11, e);
        }
        m.varint(12, span.droppedEvents());
        for (SpanRecord.SpanLink link : span.links()) {
            Message l = new Message();
            l.bytes(1, id(link.traceId()));
            l.bytes(2, id(link.spanId()));
            l.string(3, link.traceState());
            attributes(l, 4, link.attributes());
            if (link.flags() != 0) {
                l.fixed32(6, link.flags());
            }
            m.message(13, l);
        }
        m.varint(14, span.droppedLinks());
        Message status = new Message();
        status.string(2, span.statusMessage());
        status.varint(3, span.statusCode());
        m.message(15, status);
        if (span.flags() != 0) {
            m.fixed32(16, span.flags());
        }
        return m;
    }

    private static void attributes(Message into, int field, Map<String, Object> attributes) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            into.message(field, keyValue(e.getKey(), e.getValue()));
        }
    }

    private static Message keyValue(String key, Object value) {
        Message kv = new Message();
        kv.string(1, key);
        kv.message(2, anyValue(value));
        return kv;
    }

    private static Message anyValue(Object value) {
        Message v = new Message();
        switch (value) {
            case String s -> v.stringAlways(1, s);
            case Boolean b -> v.varintAlways(2, b ? 1 : 0);
            case Long l -> v.varintAlways(3, l);
            case Integer n -> v.varintAlways(3, n);
            case Double d -> v.fixed64Always(4, Double.doubleToRawLongBits(d));
            case byte[] bytes -> v.bytes(7, bytes);
            case List<?> list -> {
                Message array = new Message();
                for (Object item : list) {
                    array.message(1, anyValue(item));
                }
                v.message(5, array);
            }
            case Map<?, ?> map -> {
                Message kvList = new Message();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    kvList.message(1, keyValue(String.valueOf(e.getKey()), e.getValue()));
                }
                v.message(6, kvList);
            }
            case null -> {
            }
            default -> v.stringAlways(1, value.toString());
        }
        return v;
    }

    private static byte[] id(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return hex.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A message being written; proto3 rules: default (zero, empty) scalars are left out. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes() {
            return out.toByteArray();
        }

        void string(int field, String value) {
            if (!value.isEmpty()) {
                stringAlways(field, value);
            }
        }

        void stringAlways(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] value) {
            tag(field, LENGTH);
            raw(value.length);
            out.writeBytes(value);
        }

        void message(int field, Message message) {
            bytes(field, message.bytes());
        }

        void varint(int field, long value) {
            if (value != 0) {
                varintAlways(field, value);
            }
        }

        void varintAlways(int field, long value) {
            tag(field, VARINT);
            raw(value);
        }

        void fixed64(int field, long value) {
            if (value != 0) {
                fixed64Always(field, value);
            }
        }

        void fixed64Always(int field, long value) {
            tag(field, FIXED64);
            for (int i = 0; i < 8; i++) {
                out.write((int) (value >>> (8 * i)) & 0xff);
            }
        }

        void fixed32(int field, int value) {
            tag(field, FIXED32);
            for (int i = 0; i < 4; i++) {
                out.write((value >>> (8 * i)) & 0xff);
            }
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long value) {
            long v = value;
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
