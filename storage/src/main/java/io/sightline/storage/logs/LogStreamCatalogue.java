package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The streams of one partition ({@link LogStreamDefinition}), in memory, and how they are written.
 * Like resources ({@link LogResources}), each stream is written once per partition as a
 * <em>definition</em> document (no time, so no record search matches it) in the same
 * {@code addDocuments} call as the first records of it; records carry only the stream id. Stream
 * selectors resolve here, in memory, to a set of ids. Thread-safe.
 */
final class LogStreamCatalogue {
    static final String DEFINITION_KIND = "stream";
    static final String DEFINITION = "stream_definition";
    private static final String ID = "stream_id";

    private final LogResources resources;
    private final Map<LogStreamDefinition.Key, LogStreamDefinition> byKey = new ConcurrentHashMap<>();
    private final Map<Long, LogStreamDefinition> byId = new ConcurrentHashMap<>();
    /** Definition documents in the index, of resources and streams (for counting records). */
    private final AtomicLong definitionDocuments = new AtomicLong();

    LogStreamCatalogue(LogResources resources) {
        this.resources = resources;
    }

    /** Reads the definitions already in {@code reader} (at partition open, after the resources). */
    void load(IndexReader reader) {
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery definitions = new TermQuery(new Term(LogResources.KIND, DEFINITION_KIND));
            TopDocs top = searcher.search(definitions, Math.max(1, searcher.count(definitions)));
            definitionDocuments.addAndGet(top.scoreDocs.length
                    + searcher.count(new TermQuery(new Term(LogResources.KIND, LogResources.DEFINITION_KIND))));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                Document document = stored.document(hit.doc, Set.of(DEFINITION));
                BytesRef bytes = document.getBinaryValue(DEFINITION);
                LogStreamDefinition.Key key = LogStreamDefinition.decode(bytes.bytes, bytes.offset, bytes.length);
                if (key.resourceId().isEmpty() || resources.byId(key.resourceId()) != null) {
                    define(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stream definitions", e);
        }
    }

    /**
     * The id of the stream of a record, registering the stream when it is new here: then its
     * definition document, and its resource's (again, if another stream wrote it already), go into
     * {@code documents}, so a stream's definition is never durable without its resource's.
     */
    long idFor(LogStreamDefinition.Key key, Map<String, Object> resource, List<Document> documents) {
        LogStreamDefinition known = byKey.get(key);
        if (known != null) {
            return known.id();
        }
        if (!key.resourceId().isEmpty()) {
            resources.register(key.resourceId(), resource);
        }
        LogStreamDefinition created = create(key);
        LogStreamDefinition raced = byKey.putIfAbsent(key, created);
        if (raced != null) {
            return raced.id();
        }
        byId.put(created.id(), created);
        if (!key.resourceId().isEmpty()) {
            documents.add(LogResources.definition(key.resourceId(), resource));
            definitionDocuments.incrementAndGet();
        }
        documents.add(definition(key, created.id()));
        definitionDocuments.incrementAndGet();
        return created.id();
    }

    /** Every stream of the partition (including ones whose records are not yet searchable). */
    Collection<LogStreamDefinition> all() {
        return byId.values();
    }

    /** The resource attributes of a stream ({@code Map.of()} for an empty resource). */
    Map<String, Object> resourceOf(LogStreamDefinition stream) {
        Map<String, Object> resource = stream.resourceId().isEmpty() ? null : resources.byId(stream.resourceId());
        return resource == null ? Map.of() : resource;
    }

    /** The streams whose labels every matcher accepts (a missing label matches as ""). */
    List<LogStreamDefinition> select(List<LabelMatcher> matchers) {
        List<LogStreamDefinition> selected = new ArrayList<>();
        for (LogStreamDefinition stream : byId.values()) {
            if (matchesAll(stream.labels(), matchers)) {
                selected.add(stream);
            }
        }
        return selected;
    }

    static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels.get(matcher.name()))) {
                return false;
            }
        }
        return true;
    }

    LogStreamDefinition byId(long id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    long definitionDocuments() {
        return definitionDocuments.get();
    }

    private void define(LogStreamDefinition.Key key) {
        LogStreamDefinition definition = create(key);
        byKey.put(key, definition);
        byId.put(definition.id(), definition);
    }

    private LogStreamDefinition create(LogStreamDefinition.Key key) {
        Map<String, Object> resource = key.resourceId().isEmpty() ? Map.of() : resources.byId(key.resourceId());
        return new LogStreamDefinition(key.id(), key.resourceId(), key.serviceName(), key.severityNumber(),
                key.severityText(), LogStreams.labels(resource, key.serviceName(), key.severityNumber(), key.severityText()));
    }

    private static Document definition(LogStreamDefinition.Key key, long id) {
        Document document = new Document();
        document.add(new StringField(LogResources.KIND, DEFINITION_KIND, Field.Store.NO));
        document.add(new StringField(ID, LogFields.streamTerm(id), Field.Store.NO));
        document.add(new StoredField(DEFINITION, LogStreamDefinition.encode(key)));
        return document;
    }
}
