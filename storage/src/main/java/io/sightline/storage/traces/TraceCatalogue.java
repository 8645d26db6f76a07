package io.sightline.storage.traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What one partition holds, for the Jaeger and Tempo catalogue calls: services, the (span name, kind)
 * pairs of each, and attribute keys with some of their values, per scope. Kept in memory, updated as
 * spans are appended (hash look-ups, no index scan), bounded by {@link TraceStoreConfig.CatalogueLimits},
 * and written as catalogue documents by each refresh (only what is new), from which it is rebuilt at
 * open. Thread-safe: one appending thread, any number of readers.
 */
final class TraceCatalogue {
    static final String DEFINITION_KIND = "catalogue";
    private static final byte FORMAT = 1;
    private static final byte SERVICE = 0;
    private static final byte OPERATION = 1;
    private static final byte KEY = 2;
    private static final byte VALUE = 3;

    private final TraceStoreConfig.CatalogueLimits limits;
    /** Service → span name → bit mask of kinds 0-62 (bit 63: any other kind). */
    private final Map<String, Map<String, Long>> services = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> spanKeys = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> resourceKeys = new ConcurrentHashMap<>();
    private final Queue<Entry> unwritten = new ConcurrentLinkedQueue<>();
    /**
     * The last value noted per span attribute key, touched only by the appending thread: consecutive
     * spans mostly repeat a key's value, and one plain map look-up then replaces the text conversion
     * and the concurrent set's.
     */
    private final Map<String, Object> lastSpanValues = new java.util.HashMap<>();

    private record Entry(byte type, boolean resource, String first, String second, int kind) {
    }

    TraceCatalogue(TraceStoreConfig.CatalogueLimits limits) {
        this.limits = limits;
    }

    /** Notes a span's service, operation and attributes. */
    void noteSpan(SpanRecord span) {
        Map<String, Long> operations = services.get(span.serviceName());
        if (operations == null) {
            if (services.size() >= limits.maxServices()) {
                return;
            }
            operations = new ConcurrentHashMap<>();
            services.put(span.serviceName(), operations);
            unwritten.add(new Entry(SERVICE, false, span.serviceName(), "", 0));
        }
        long bit = 1L << Math.min(63, Math.max(0, span.kind()));
        Long kinds = operations.get(span.name());
        if (kinds == null ? operations.size() < limits.maxOperationsPerService() : (kinds & bit) == 0) {
            operations.merge(span.name(), bit, (a, b) -> a | b);
            unwritten.add(new Entry(OPERATION, false, span.serviceName(), span.name(), span.kind()));
        }
        for (Map.Entry<String, Object> attribute : span.attributes().entrySet()) {
            Object value = attribute.getValue();
            if (value == null || !value.equals(lastSpanValues.put(attribute.getKey(), value))) {
                noteAttribute(attribute.getKey(), value, spanKeys, false);
            }
        }
    }

    void noteResource(Map<String, Object> resource) {
        noteAttributes(resource, resourceKeys, true);
    }

    List<String> services() {
        return List.copyOf(services.keySet());
    }

    List<TraceQuerier.Operation> operations(String service) {
        Map<String, Long> operations = services.get(service);
        if (operations == null) {
            return List.of();
        }
        List<TraceQuerier.Operation> result = new ArrayList<>();
        for (Map.Entry<String, Long> operation : operations.entrySet()) {
            long kinds = operation.getValue();
            for (int kind = 0; kind < 64; kind++) {
                if ((kinds & (1L << kind)) != 0) {
                    result.add(new TraceQuerier.Operation(operation.getKey(), kind));
                }
            }
        }
        return result;
    }

    Set<String> keys(boolean resource) {
        return (resource ? resourceKeys : spanKeys).keySet();
    }

    Set<String> values(boolean resource, String key) {
        Set<String> values = (resource ? resourceKeys : spanKeys).get(key);
        return values == null ? Set.of() : values;
    }

    /** Reads the catalogue documents already in {@code reader} (at partition open). */
    void load(IndexReader reader) {
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery definitions = new TermQuery(new Term(TraceFields.KIND, DEFINITION_KIND));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(definitions, Math.max(1, searcher.count(definitions))).scoreDocs) {
                BytesRef bytes = stored.document(hit.doc, Set.of(TraceFields.DEFINITION)).getBinaryValue(TraceFields.DEFINITION);
                read(new SpanInput(bytes.bytes, bytes.offset, bytes.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace catalogue definitions", e);
        }
    }

    /** One document with the entries noted since the last call, if any. */
    void unwrittenDefinitions(List<Document> documents) {
        List<Entry> entries = new ArrayList<>();
        Entry entry;
        while ((entry = unwritten.poll()) != null) {
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            return;
        }
        SpanBytes bytes = new SpanBytes(64 * entries.size());
        bytes.writeByte(FORMAT);
        bytes.writeVIntUnchecked(entries.size());
        for (Entry e : entries) {
            bytes.writeByte(e.type());
            bytes.writeByte((byte) (e.resource() ? 1 : 0));
            bytes.writeText(e.first());
            if (e.type() != SERVICE && e.type() != KEY) {
                bytes.writeText(e.second());
            }
            if (e.type() == OPERATION) {
                bytes.writeZLongUnchecked(e.kind());
            }
        }
        Document document = new Document();
        document.add(new StringField(TraceFields.KIND, DEFINITION_KIND, StringField.Store.NO));
        document.add(new StoredField(TraceFields.DEFINITION, bytes.toArray()));
        documents.add(document);
    }

    private void read(SpanInput in) {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new CorruptTraceException("trace catalogue document has format " + format + ", this build reads " + FORMAT);
        }
        int count = in.readVIntUnchecked();
        for (int i = 0; i < count; i++) {
            byte type = in.readByte();
            boolean resource = in.readByte() != 0;
            String first = in.readText();
            switch (type) {
                case SERVICE -> services.computeIfAbsent(first, s -> new ConcurrentHashMap<>());
                case OPERATION -> {
                    String name = in.readText();
                    long kind = in.readZLongUnchecked();
                    services.computeIfAbsent(first, s -> new ConcurrentHashMap<>())
                            .merge(name, 1L << Math.min(63, Math.max(0, kind)), (a, b) -> a | b);
                }
                case KEY -> (resource ? resourceKeys : spanKeys).computeIfAbsent(first, k -> ConcurrentHashMap.newKeySet());
                case VALUE -> (resource ? resourceKeys : spanKeys)
                        .computeIfAbsent(first, k -> ConcurrentHashMap.newKeySet()).add(in.readText());
                default -> throw new CorruptTraceException("unknown trace catalogue entry type " + type);
            }
        }
    }

    private void noteAttributes(Map<String, Object> attributes, Map<String, Set<String>> keys, boolean resource) {
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            noteAttribute(attribute.getKey(), attribute.getValue(), keys, resource);
        }
    }

    private void noteAttribute(String key, Object value, Map<String, Set<String>> keys, boolean resource) {
        Set<String> values = keys.get(key);
        if (values == null) {
            if (keys.size() >= limits.maxKeys()) {
                return;
            }
            values = ConcurrentHashMap.newKeySet();
            keys.put(key, values);
            unwritten.add(new Entry(KEY, resource, key, "", 0));
        }
        if (values.size() >= limits.maxValuesPerKey()) {
            return;
        }
        String text = TraceFields.text(value);
        if (text != null && text.length() <= limits.maxValueLength() && values.add(text)) {
            unwritten.add(new Entry(VALUE, resource, key, text, 0));
        }
    }
}
