package io.sightline.storage.logs;


import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * The log index's field schema: one document per record.
 *
 * <p>Record attributes go into one multi-valued keyword field ({@code attr}) as {@code key=value}
 * terms rather than a field per key: indexing cost grows with the number of distinct fields, and a
 * field per attribute key would let senders create unbounded schemas. Resource attributes are
 * indexed once per partition, through the resource's id ({@link LogResources}).
 */
final class LogFields {
    static final String TIME = "ts";
    static final String WAL_INDEX = "wal";
    static final String POSITION = "pos";
    static final String STREAM = "stream";
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    static final String ATTRIBUTE = "attr";
    /** Of resource and stream definitions (records carry their stream's id instead). */
    static final String RESOURCE_ID = "resource_id";
    static final String BODY = "body";
    static final String RECORD = "rec";

    /** Terms longer than this are not indexed (Lucene refuses terms over 32 KiB); still stored. */
    static final int MAX_TERM_BYTES = 1_024;

    /**
     * The body of format 3: analysed terms only, without frequencies, positions or norms. Results are
     * ordered by time, not scored; line filters and phrases verify candidates on the stored record.
     */
    private static final FieldType BODY_TERMS = bodyType(IndexOptions.DOCS);
    /** The body of format 2 partitions, which keep it: with frequencies and positions. */
    private static final FieldType BODY_POSITIONS = bodyType(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);

    private LogFields() {
    }

    /**
     * The document for one record, for a partition of {@code format}. The WAL index of its entry and its position there identify it
     * uniquely and deterministically: they order ties and let a replay find what is already stored.
     */
    static Document document(LogRecord record, long walIndex, int position, long streamId, int format) {
        Document document = new Document();
        long time = record.effectiveTimeNanos();
        document.add(new LongPoint(TIME, time));
        document.add(new NumericDocValuesField(TIME, time));
        document.add(new LongPoint(WAL_INDEX, walIndex));
        document.add(new NumericDocValuesField(WAL_INDEX, walIndex));
        // One doc value for two facts: a field less costs more at indexing than wider values.
        document.add(new NumericDocValuesField(POSITION, positionValue(position, utf8Length(record.body()))));
        // The stream (resource, service, severity) as a term for selection and a doc value so a
        // scan can tell each record's stream without loading it. Sorted (not numeric) doc values:
        // a segment holds few streams, so each record costs a small ordinal, where a random 64-bit
        // number cost ~3% of indexing throughput.
        BytesRef stream = streamTerm(streamId);
        document.add(new StringField(STREAM, stream, Field.Store.NO));
        document.add(new SortedDocValuesField(STREAM, stream));
        if (!record.traceId().isEmpty()) {
            document.add(keyword(TRACE_ID, record.traceId()));
        }
        if (!record.spanId().isEmpty()) {
            document.add(keyword(SPAN_ID, record.spanId()));
        }
        addAttributes(document, ATTRIBUTE, record.attributes());
        document.add(new Field(BODY, record.body(), format == LogPartition.POSITIONS_FORMAT ? BODY_POSITIONS : BODY_TERMS));
        document.add(new StoredField(RECORD, LogRecordCodec.encode(record)));
        return document;
    }

    /**
     * The {@code pos} doc value: the record's position in its entry in the high 32 bits, the body's
     * UTF-8 length in the low 32. Sorting by it sorts by position (which with time and WAL index is
     * unique), so it still breaks ties.
     */
    static long positionValue(int position, int bodyBytes) {
        return ((long) position << 32) | (bodyBytes & 0xffffffffL);
    }

    /** The body's UTF-8 length from a {@code pos} doc value. */
    static int bodyBytes(long positionValue) {
        return (int) positionValue;
    }

    /** A stream id from its term. */
    static long streamId(BytesRef term) {
        long id = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            id = (id << 8) | (term.bytes[term.offset + i] & 0xff);
        }
        return id;
    }

    /** The term of a stream id: its 8 bytes, big-endian. */
    static BytesRef streamTerm(long streamId) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (streamId >>> (56 - 8 * i));
        }
        return new BytesRef(bytes);
    }

    /** The text of a scalar attribute value, or null for lists, maps, bytes and null. */
    static String scalarText(Object value) {
        return switch (value) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Double d -> Double.toString(d);
            case Boolean b -> Boolean.toString(b);
            case null, default -> null;
        };
    }

    /**
     * UTF-8 length of {@code text} as the JDK encodes it, without encoding it (Loki's line size is
     * in bytes): 1, 2 or 3 bytes a char, 4 a surrogate pair, 1 an unpaired surrogate (it becomes '?').
     */
    static int utf8Length(String text) {
        int length = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                length += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                length += 2;
            }
        }
        return length;
    }

    /** The indexed term of one attribute, or null when the value is not a scalar or too long. */
    static String attributeTerm(String key, Object value) {
        String text = scalarText(value);
        if (text == null) {
            return null;
        }
        String term = key + "=" + text;
        return term.length() * 3 > MAX_TERM_BYTES && term.getBytes(StandardCharsets.UTF_8).length > MAX_TERM_BYTES
                ? null : term;
    }

    private static void addAttributes(Document document, String field, Map<String, Object> attributes) {
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            String term = attributeTerm(attribute.getKey(), attribute.getValue());
            if (term != null) {
                document.add(keyword(field, term));
            }
        }
    }

    private static FieldType bodyType(IndexOptions options) {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.setIndexOptions(options);
        type.freeze();
        return type;
    }

    /** A keyword term, encoded by the JDK's intrinsic UTF-8 encoder rather than Lucene's char loop. */
    private static StringField keyword(String field, String value) {
        return new StringField(field, new BytesRef(value.getBytes(StandardCharsets.UTF_8)), Field.Store.NO);
    }
}
