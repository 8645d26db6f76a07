package io.sightline.storage.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bytes of a stored trace part (drawn in {@code storage/docs/format/trace-span.md}): a header
 * with the trace id, a base time and the part's <em>origins</em> (service, scope, resource id: what
 * OTLP groups spans by, written once per part instead of per span), then the spans. Ids are raw
 * bytes, times are deltas, empty optional fields cost one bit of a shape byte. Lucene compresses the
 * stored fields in blocks on top, so keys repeated across spans cost little.
 */
final class TracePartCodec {
    static final byte VERSION = 1;

    static final int CANONICAL_IDS = 1;
    static final int HAS_PARENT = 1 << 1;
    static final int HAS_TRACE_STATE = 1 << 2;
    static final int HAS_STATUS_MESSAGE = 1 << 3;
    static final int HAS_EVENTS = 1 << 4;
    static final int HAS_LINKS = 1 << 5;
    static final int HAS_DROPPED = 1 << 6;
    static final int HAS_FLAGS = 1 << 7;
    /** Kind and status packed in one byte when kind < 32 and status < 4 (always, for valid OTLP). */
    private static final int WIDE_KIND_STATUS = 0x80;

    private TracePartCodec() {
    }

    /** A service, scope and resource shared by spans of a part. */
    record Origin(String service, String scopeName, String scopeVersion, ResourceId resource) {
    }

    /** A decoded part: its trace id and spans in stored order. */
    record StoredPart(String traceId, List<SpanRecord> spans) {
    }

    /** Writes one span; {@code origin} indexes the part's origin table. */
    static void writeSpan(SpanBytes out, SpanRecord span, long baseStart, int origin, PartStrings strings) {
        boolean canonical = SpanIds.canonical(span.spanId(), SpanIds.SPAN_ID_BYTES)
                && (span.parentSpanId().isEmpty() || SpanIds.canonical(span.parentSpanId(), SpanIds.SPAN_ID_BYTES));
        boolean dropped = span.droppedAttributes() != 0 || span.droppedEvents() != 0 || span.droppedLinks() != 0;
        int shape = (canonical ? CANONICAL_IDS : 0) | (span.parentSpanId().isEmpty() ? 0 : HAS_PARENT)
                | (span.traceState().isEmpty() ? 0 : HAS_TRACE_STATE)
                | (span.statusMessage().isEmpty() ? 0 : HAS_STATUS_MESSAGE)
                | (span.events().isEmpty() ? 0 : HAS_EVENTS) | (span.links().isEmpty() ? 0 : HAS_LINKS)
                | (dropped ? HAS_DROPPED : 0) | (span.flags() == 0 ? 0 : HAS_FLAGS);
        out.writeByte((byte) shape);
        writeSpanId(out, span.spanId(), canonical);
        if (!span.parentSpanId().isEmpty()) {
            writeSpanId(out, span.parentSpanId(), canonical);
        }
        out.writeZLongUnchecked(span.startNanos() - baseStart);
        out.writeZLongUnchecked(span.endNanos() - span.startNanos());
        if (span.kind() >= 0 && span.kind() < 32 && span.statusCode() >= 0 && span.statusCode() < 4) {
            out.writeByte((byte) (span.kind() << 2 | span.statusCode()));
        } else {
            out.writeByte((byte) WIDE_KIND_STATUS);
            out.writeZLongUnchecked(span.kind());
            out.writeZLongUnchecked(span.statusCode());
        }
        out.writeVIntUnchecked(origin);
        strings.write(out, span.name());
        if (!span.traceState().isEmpty()) {
            out.writeText(span.traceState());
        }
        if (span.flags() != 0) {
            out.writeVIntUnchecked(span.flags());
        }
        if (!span.statusMessage().isEmpty()) {
            out.writeText(span.statusMessage());
        }
        AttributeCodec.write(out, span.attributes(), strings);
        if (!span.events().isEmpty()) {
            out.writeVIntUnchecked(span.events().size());
            for (SpanRecord.SpanEvent event : span.events()) {
                out.writeZLongUnchecked(event.timeNanos() - span.startNanos());
                strings.write(out, event.name());
                AttributeCodec.write(out, event.attributes(), strings);
                out.writeVIntUnchecked(event.droppedAttributes());
            }
        }
        if (!span.links().isEmpty()) {
            out.writeVIntUnchecked(span.links().size());
            for (SpanRecord.SpanLink link : span.links()) {
                boolean canonicalLink = SpanIds.canonical(link.traceId(), SpanIds.TRACE_ID_BYTES)
                        && SpanIds.canonical(link.spanId(), SpanIds.SPAN_ID_BYTES);
                out.writeByte((byte) (canonicalLink ? CANONICAL_IDS : 0));
                writeId(out, link.traceId(), SpanIds.TRACE_ID_BYTES, canonicalLink);
                writeId(out, link.spanId(), SpanIds.SPAN_ID_BYTES, canonicalLink);
                out.writeText(link.traceState());
                AttributeCodec.write(out, link.attributes(), strings);
                out.writeVIntUnchecked(link.flags());
            }
        }
        if (dropped) {
            out.writeVIntUnchecked(span.droppedAttributes());
            out.writeVIntUnchecked(span.droppedEvents());
            out.writeVIntUnchecked(span.droppedLinks());
        }
    }

    /** The whole part: header, origins, then the spans already written to {@code body}. */
    static byte[] encodePart(byte[] traceTerm, long baseStart, List<Origin> origins, int spanCount, SpanBytes body) {
        SpanBytes header = new SpanBytes(32 + traceTerm.length + 48 * origins.size());
        header.writeByte(VERSION);
        header.writeVIntUnchecked(traceTerm.length);
        header.writeBytes(traceTerm, 0, traceTerm.length);
        header.writeZLongUnchecked(baseStart);
        header.writeVIntUnchecked(origins.size());
        for (Origin origin : origins) {
            header.writeText(origin.service());
            header.writeText(origin.scopeName());
            header.writeText(origin.scopeVersion());
            if (origin.resource() == null) {
                header.writeByte((byte) 0);
            } else {
                header.writeByte((byte) ResourceId.BYTES);
                origin.resource().write(header);
            }
        }
        header.writeVIntUnchecked(spanCount);
        byte[] part = new byte[header.length() + body.length()];
        System.arraycopy(header.array(), 0, part, 0, header.length());
        System.arraycopy(body.array(), 0, part, header.length(), body.length());
        return part;
    }

    /**
     * Decodes a stored part; {@code resources} gives the attributes of a resource id (the partition's
     * definitions; {@code Map.of()} when unknown).
     */
    static StoredPart decode(byte[] bytes, int offset, int length, Function<ResourceId, Map<String, Object>> resources) {
        SpanInput in = new SpanInput(bytes, offset, length);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new CorruptTraceException("stored trace part has format version " + version + ", this build reads "
                    + VERSION);
        }
        int termLength = in.readVIntUnchecked();
        String traceId = SpanIds.traceIdOf(bytes, in.position(), termLength);
        in.skipBytes(termLength);
        long baseStart = in.readZLongUnchecked();
        int originCount = in.readVIntUnchecked();
        List<Origin> origins = new ArrayList<>(originCount);
        List<Map<String, Object>> originResources = new ArrayList<>(originCount);
        for (int i = 0; i < originCount; i++) {
            String service = in.readText();
            String scopeName = in.readText();
            String scopeVersion = in.readText();
            int resourceBytes = in.readByte();
            ResourceId resource = resourceBytes == 0 ? null : ResourceId.read(in);
            origins.add(new Origin(service, scopeName, scopeVersion, resource));
            Map<String, Object> attributes = resource == null ? Map.of() : resources.apply(resource);
            originResources.add(attributes == null ? Map.of() : attributes);
        }
        int spanCount = in.readVIntUnchecked();
        List<SpanRecord> spans = new ArrayList<>(spanCount);
        PartStrings.Reader strings = new PartStrings.Reader();
        try {
            for (int i = 0; i < spanCount; i++) {
                spans.add(readSpan(in, traceId, baseStart, origins, originResources, strings));
            }
        } catch (java.io.IOException e) {
            throw new CorruptTraceException("stored trace part cannot be read: " + e.getMessage());
        }
        return new StoredPart(traceId, spans);
    }

    private static SpanRecord readSpan(SpanInput in, String traceId, long baseStart, List<Origin> origins,
                                       List<Map<String, Object>> originResources, PartStrings.Reader strings)
            throws java.io.IOException {
        int shape = in.readByte() & 0xff;
        boolean canonical = (shape & CANONICAL_IDS) != 0;
        String spanId = readId(in, SpanIds.SPAN_ID_BYTES, canonical);
        String parent = (shape & HAS_PARENT) != 0 ? readId(in, SpanIds.SPAN_ID_BYTES, canonical) : "";
        long start = baseStart + in.readZLong();
        long end = start + in.readZLong();
        int packed = in.readByte() & 0xff;
        int kind;
        int status;
        if (packed == WIDE_KIND_STATUS) {
            kind = (int) in.readZLong();
            status = (int) in.readZLong();
        } else {
            kind = packed >>> 2;
            status = packed & 3;
        }
        int originIndex = in.readVInt();
        if (originIndex >= origins.size()) {
            throw new CorruptTraceException("span refers to origin " + originIndex + " of " + origins.size());
        }
        Origin origin = origins.get(originIndex);
        String name = strings.read(in);
        String traceState = (shape & HAS_TRACE_STATE) != 0 ? in.readText() : "";
        int flags = (shape & HAS_FLAGS) != 0 ? in.readVInt() : 0;
        String statusMessage = (shape & HAS_STATUS_MESSAGE) != 0 ? in.readText() : "";
        Map<String, Object> attributes = AttributeCodec.read(in, strings);
        List<SpanRecord.SpanEvent> events = List.of();
        if ((shape & HAS_EVENTS) != 0) {
            int count = in.readVInt();
            events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(new SpanRecord.SpanEvent(start + in.readZLong(), strings.read(in),
                        AttributeCodec.read(in, strings), in.readVInt()));
            }
        }
        List<SpanRecord.SpanLink> links = List.of();
        if ((shape & HAS_LINKS) != 0) {
            int count = in.readVInt();
            links = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                boolean canonicalLink = (in.readByte() & CANONICAL_IDS) != 0;
                String linkTrace = readId(in, SpanIds.TRACE_ID_BYTES, canonicalLink);
                String linkSpan = readId(in, SpanIds.SPAN_ID_BYTES, canonicalLink);
                links.add(new SpanRecord.SpanLink(linkTrace, linkSpan, in.readText(),
                        AttributeCodec.read(in, strings), in.readVInt()));
            }
        }
        int droppedAttributes = 0;
        int droppedEvents = 0;
        int droppedLinks = 0;
        if ((shape & HAS_DROPPED) != 0) {
            droppedAttributes = in.readVInt();
            droppedEvents = in.readVInt();
            droppedLinks = in.readVInt();
        }
        return new SpanRecord(traceId, spanId, parent, traceState, flags, name, kind, start, end, status,
                statusMessage, origin.service(), originResources.get(originIndex), origin.scopeName(),
                origin.scopeVersion(), attributes, events, links, droppedAttributes, droppedEvents, droppedLinks);
    }

    private static void writeSpanId(SpanBytes out, String id, boolean canonical) {
        writeId(out, id, SpanIds.SPAN_ID_BYTES, canonical);
    }

    private static void writeId(SpanBytes out, String id, int bytes, boolean canonical) {
        if (canonical) {
            for (int i = 0; i < id.length(); i += 2) {
                out.writeByte((byte) (Character.digit(id.charAt(i), 16) << 4 | Character.digit(id.charAt(i + 1), 16)));
            }
        } else {
            out.writeText(id);
        }
    }

    private static String readId(SpanInput in, int bytes, boolean canonical) {
        if (!canonical) {
            return in.readText();
        }
        String id = SpanIds.hex(in.array(), in.position(), bytes);
        in.skipBytes(bytes);
        return id;
    }
}
