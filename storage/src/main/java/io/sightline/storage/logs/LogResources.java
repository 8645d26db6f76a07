package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
 * The distinct resources (sets of resource attributes) of one partition. A record is indexed with
 * its stream's id ({@link LogStreamCatalogue}), which names the resource, instead of one term per
 * resource attribute: a request's records share their resource, so this saves most keyword terms
 * per record (a quarter of Lucene's indexing time on typical records). Each resource is written as
 * a <em>definition</em> document (no time, so no record search ever matches it) with each new
 * stream's definition, in the same {@code addDocuments} call as the first records of that stream,
 * so a crash keeps or loses them together. Thread-safe.
 */
final class LogResources {
    static final String KIND = "kind";
    static final String DEFINITION_KIND = "resource";
    static final String DEFINITION = "resource_definition";

    private final Map<String, Map<String, Object>> byId = new ConcurrentHashMap<>();

    /** Reads the definitions already in {@code reader} (at partition open). */
    void load(IndexReader reader) {
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery definitions = new TermQuery(new Term(KIND, DEFINITION_KIND));
            int count = Math.max(1, searcher.count(definitions));
            TopDocs top = searcher.search(definitions, count);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                Document document = stored.document(hit.doc, Set.of(LogFields.RESOURCE_ID, DEFINITION));
                BytesRef bytes = document.getBinaryValue(DEFINITION);
                byId.put(document.get(LogFields.RESOURCE_ID),
                        LogRecordCodec.decodeAttributes(bytes.bytes, bytes.offset, bytes.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource definitions", e);
        }
    }

    /** Records {@code resource} under {@code id}; true if it is new here and needs its definition written. */
    boolean register(String id, Map<String, Object> resource) {
        return byId.putIfAbsent(id, resource) == null;
    }

    /** The attributes of resource {@code id}, or null when it is not defined here. */
    Map<String, Object> byId(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    /**
     * A resource's id: 128 bits of SHA-256 over its attributes in key order, in hex; "" for an empty
     * resource. Deterministic, so replays and restarts give the same id.
     */
    static String idOf(Map<String, Object> resource) {
        if (resource.isEmpty()) {
            return "";
        }
        byte[] canonical = LogRecordCodec.encodeAttributes(new TreeMap<>(resource));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The definition document of a resource. */
    static Document definition(String id, Map<String, Object> resource) {
        Document document = new Document();
        document.add(new StringField(KIND, DEFINITION_KIND, Field.Store.NO));
        document.add(new StringField(LogFields.RESOURCE_ID, id, Field.Store.YES));
        document.add(new StoredField(DEFINITION, LogRecordCodec.encodeAttributes(resource)));
        return document;
    }
}
