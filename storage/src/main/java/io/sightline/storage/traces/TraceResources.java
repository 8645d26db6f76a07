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
 * The distinct resources of one partition. Stored spans carry a 16-byte resource id (in their part's
 * origin table) instead of the attributes; each resource is written once per partition as a
 * definition document, by the same refresh as the first part that refers to it, so no commit holds
 * a part without the definitions it needs. Thread-safe.
 */
final class TraceResources {
    static final String DEFINITION_KIND = "resource";

    private final Set<String> indexedKeys;
    private final Map<ResourceId, Map<String, Object>> byId = new ConcurrentHashMap<>();
    private final Map<ResourceId, List<String>> termsById = new ConcurrentHashMap<>();
    private final Queue<ResourceId> unwritten = new ConcurrentLinkedQueue<>();

    TraceResources(Set<String> indexedKeys) {
        this.indexedKeys = indexedKeys;
    }

    /** Reads the definitions already in {@code reader} (at partition open). */
    void load(IndexReader reader) {
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery definitions = new TermQuery(new Term(TraceFields.KIND, DEFINITION_KIND));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(definitions, Math.max(1, searcher.count(definitions))).scoreDocs) {
                BytesRef bytes = stored.document(hit.doc, Set.of(TraceFields.DEFINITION)).getBinaryValue(TraceFields.DEFINITION);
                SpanInput in = new SpanInput(bytes.bytes, bytes.offset, bytes.length);
                ResourceId id = ResourceId.read(in);
                Map<String, Object> attributes = AttributeCodec.read(in);
                byId.put(id, attributes);
                termsById.put(id, terms(attributes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource definitions", e);
        }
    }

    /**
     * Registers a resource seen in an appended span and returns the index terms of its indexed
     * attributes; true news (first time here) are queued for {@link #unwrittenDefinitions}.
     */
    List<String> register(ResourceId id, Map<String, Object> resource, TraceCatalogue catalogue) {
        List<String> terms = termsById.get(id);
        if (terms != null) {
            return terms;
        }
        terms = terms(resource);
        if (byId.putIfAbsent(id, resource) == null) {
            termsById.put(id, terms);
            unwritten.add(id);
            catalogue.noteResource(resource);
        }
        return terms;
    }

    /** The attributes of a resource, or null when it is not defined here. */
    Map<String, Object> byId(ResourceId id) {
        return byId.get(id);
    }

    /** The definition documents of resources registered since the last call. */
    void unwrittenDefinitions(List<Document> documents) {
        ResourceId id;
        while ((id = unwritten.poll()) != null) {
            SpanBytes bytes = new SpanBytes(128);
            id.write(bytes);
            AttributeCodec.write(bytes, byId.get(id));
            Document document = new Document();
            document.add(new StringField(TraceFields.KIND, DEFINITION_KIND, StringField.Store.NO));
            document.add(new StoredField(TraceFields.DEFINITION, bytes.toArray()));
            documents.add(document);
        }
    }

    int size() {
        return byId.size();
    }

    private List<String> terms(Map<String, Object> resource) {
        List<String> terms = new ArrayList<>(2);
        for (Map.Entry<String, Object> attribute : resource.entrySet()) {
            if (indexedKeys.contains(attribute.getKey())) {
                String text = TraceFields.text(attribute.getValue());
                if (text != null) {
                    terms.add(TraceFields.resourceAttributeTerm(attribute.getKey(), text));
                }
            }
        }
        return List.copyOf(terms);
    }
}
