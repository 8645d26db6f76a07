package io.sightline.storage.traces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * The spans of one trace that arrive for one day partition between two refreshes, encoded as they
 * arrive ({@link TracePartCodec}) with the index terms they imply, until the refresher turns them
 * into one document. Keeping a trace's spans together is what makes a by-id look-up one term and a
 * few stored documents, and lets Lucene compress a trace's repeated keys together. Not thread-safe:
 * the span buffer guards it.
 */
final class TracePartBuilder {
    private final String traceId;
    private final long baseStart;
    private final List<TracePartCodec.Origin> origins = new ArrayList<>(2);
    private final SpanBytes body = new SpanBytes(1_024);
    private final PartStrings strings = new PartStrings();
    private final Set<String> terms = new HashSet<>();
    /** Longest span per service, ns. */
    private final Map<String, long[]> longestByService = new HashMap<>(4);
    /** Span names seen per service (their operation terms are in {@link #terms}). */
    private final Map<String, Set<String>> namesByService = new HashMap<>(4);
    /** The last value given an attribute term, per indexed key: a trace's spans mostly repeat it. */
    private final Map<String, Object> lastIndexedValue = new HashMap<>(8);
    private int spans;
    private long firstStart = Long.MAX_VALUE;
    private long lastStart = Long.MIN_VALUE;
    private long longest;
    private long lastEnd = Long.MIN_VALUE;
    private int kinds;
    private int statuses;

    TracePartBuilder(String traceId, long baseStart) {
        this.traceId = traceId;
        this.baseStart = baseStart;
    }

    /**
     * Adds a span. {@code resourceTerms} are the index terms of its resource's indexed attributes;
     * {@code indexedKeys} the span attribute keys that get terms.
     */
    void add(SpanRecord span, ResourceId resource, List<String> resourceTerms, Set<String> indexedKeys) {
        int origin = originOf(span, resource, resourceTerms);
        TracePartCodec.writeSpan(body, span, baseStart, origin, strings);
        spans++;
        firstStart = Math.min(firstStart, span.startNanos());
        lastStart = Math.max(lastStart, span.startNanos());
        lastEnd = Math.max(lastEnd, span.endNanos());
        long duration = span.durationNanos();
        longest = Math.max(longest, duration);
        long[] longestOfService = longestByService.get(span.serviceName());
        if (longestOfService == null) {
            longestByService.put(span.serviceName(), new long[] {duration});
        } else if (duration > longestOfService[0]) {
            longestOfService[0] = duration;
        }
        if (namesByService.computeIfAbsent(span.serviceName(), s -> new HashSet<>(4)).add(span.name())) {
            terms.add(TraceFields.operationTerm(span.serviceName(), span.name()));
        }
        if (span.kind() >= 0 && span.kind() < 32) {
            kinds |= 1 << span.kind();
        } else {
            terms.add(TraceFields.kindTerm(span.kind()));
        }
        if (span.statusCode() >= 0 && span.statusCode() < 32) {
            statuses |= 1 << span.statusCode();
        } else {
            terms.add(TraceFields.statusTerm(span.statusCode()));
        }
        if (!indexedKeys.isEmpty()) {
            for (Map.Entry<String, Object> attribute : span.attributes().entrySet()) {
                if (indexedKeys.contains(attribute.getKey())
                        && !java.util.Objects.equals(attribute.getValue(), lastIndexedValue.put(attribute.getKey(), attribute.getValue()))) {
                    String text = TraceFields.text(attribute.getValue());
                    if (text != null) {
                        terms.add(TraceFields.spanAttributeTerm(attribute.getKey(), text));
                    }
                }
            }
        }
    }

    int spanCount() {
        return spans;
    }

    String traceId() {
        return traceId;
    }

    /** Approximate heap bytes held. */
    int bytesHeld() {
        return body.capacity() + 64 * (terms.size() + strings.size()) + 96;
    }

    /** The part's document; the builder is not used afterwards. */
    Document document() {
        byte[] traceTerm = SpanIds.traceTerm(traceId);
        Document document = new Document();
        document.add(new StringField(TraceFields.TRACE, new BytesRef(traceTerm), StringField.Store.NO));
        document.add(new LongRange(TraceFields.STARTS, new long[] {firstStart}, new long[] {lastStart}));
        document.add(new NumericDocValuesField(TraceFields.START, firstStart));
        document.add(new NumericDocValuesField(TraceFields.END, lastEnd));
        for (int kind = 0; kind < 32; kind++) {
            if ((kinds & (1 << kind)) != 0) {
                terms.add(TraceFields.kindTerm(kind));
            }
            if ((statuses & (1 << kind)) != 0) {
                terms.add(TraceFields.statusTerm(kind));
            }
        }
        terms.add(TraceFields.durationTerm(TraceFields.durationBucket(longest)));
        for (Map.Entry<String, long[]> service : longestByService.entrySet()) {
            terms.add(TraceFields.serviceDurationTerm(service.getKey(), TraceFields.durationBucket(service.getValue()[0])));
        }
        for (String term : terms) {
            StringField field = TraceFields.keyword(TraceFields.TERM, term);
            if (field != null) {
                document.add(field);
            }
        }
        document.add(new StoredField(TraceFields.PART,
                TracePartCodec.encodePart(traceTerm, baseStart, origins, spans, body)));
        return document;
    }

    private int originOf(SpanRecord span, ResourceId resource, List<String> resourceTerms) {
        for (int i = 0; i < origins.size(); i++) {
            TracePartCodec.Origin origin = origins.get(i);
            if (origin.service().equals(span.serviceName()) && origin.scopeName().equals(span.scopeName())
                    && origin.scopeVersion().equals(span.scopeVersion()) && java.util.Objects.equals(origin.resource(), resource)) {
                return i;
            }
        }
        origins.add(new TracePartCodec.Origin(span.serviceName(), span.scopeName(), span.scopeVersion(), resource));
        terms.add(TraceFields.serviceTerm(span.serviceName()));
        terms.addAll(resourceTerms);
        return origins.size() - 1;
    }
}
