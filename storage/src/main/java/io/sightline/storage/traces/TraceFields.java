package io.sightline.storage.traces;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * The trace index's field schema (drawn in {@code storage/docs/format/trace-index.md}): one document
 * per <em>trace part</em>, the spans of one trace that one refresh wrote to one day partition.
 *
 * <p>Every span condition of a search has a term here that a part carries when <em>some</em> of its
 * spans meet it; the index narrows to candidate parts, and the stored spans decide. Terms live in one
 * multi-valued keyword field ({@code term}) with a one-letter prefix per kind of fact: a field per
 * fact or attribute key would cost more at indexing and let senders grow the schema.
 */
final class TraceFields {
    /** The trace id ({@link SpanIds#traceTerm}): the by-id look-up. */
    static final String TRACE = "trace";
    /** LongRange of the part's span starts (first, last), Unix ns: the time range filter. */
    static final String STARTS = "starts";
    /** NumericDocValues of the part's first span start: searches read parts newest first by it. */
    static final String START = "start";
    /** NumericDocValues of the part's last span end: a trace's extent without reading its spans. */
    static final String END = "end";
    /** Keyword terms of span facts, see the term methods below. */
    static final String TERM = "term";
    /** StoredField: the encoded part ({@link TracePartCodec}). */
    static final String PART = "part";
    /** Definition documents only: {@code resource} or {@code catalogue}. */
    static final String KIND = "kind";
    /** Definition documents only: their stored bytes. */
    static final String DEFINITION = "definition";

    /** Terms longer than this are not indexed (Lucene refuses terms over 32 KiB). */
    static final int MAX_TERM_BYTES = 1_024;

    private static final char SEPARATOR = '\u0000';

    private TraceFields() {
    }

    static String serviceTerm(String service) {
        return "s" + SEPARATOR + service;
    }

    static String operationTerm(String service, String name) {
        return "o" + SEPARATOR + service + SEPARATOR + name;
    }

    static String kindTerm(int kind) {
        return "k" + SEPARATOR + kind;
    }

    static String statusTerm(int status) {
        return "c" + SEPARATOR + status;
    }

    /** The longest span of {@code service} in the part falls in {@code bucket} ({@link #durationBucket}). */
    static String serviceDurationTerm(String service, int bucket) {
        return "d" + SEPARATOR + bucket + SEPARATOR + service;
    }

    /** The longest span of the part falls in {@code bucket}. */
    static String durationTerm(int bucket) {
        return "D" + SEPARATOR + bucket;
    }

    static String spanAttributeTerm(String key, String text) {
        return "a" + SEPARATOR + key + SEPARATOR + text;
    }

    static String resourceAttributeTerm(String key, String text) {
        return "r" + SEPARATOR + key + SEPARATOR + text;
    }

    /** The highest {@link #durationBucket}. */
    static final int MAX_DURATION_BUCKET = 64 * 4 + 3;

    /**
     * A duration's bucket: its bit length times 4 plus the two bits after the leading one (0 for 0),
     * so buckets are a quarter octave wide. Monotone, so a part whose longest span reaches a minimum
     * has a bucket at or above the minimum's; the false candidates are those within 19% below it.
     */
    static int durationBucket(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        int bits = 64 - Long.numberOfLeadingZeros(nanos);
        int next = bits >= 3 ? (int) (nanos >>> (bits - 3)) & 3 : (int) (nanos << (3 - bits)) & 3;
        return bits * 4 + next;
    }

    /** A keyword term through the JDK's UTF-8 encoder, or null when it is too long to index. */
    static StringField keyword(String field, String term) {
        byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
        return bytes.length > MAX_TERM_BYTES ? null : new StringField(field, new BytesRef(bytes), Field.Store.NO);
    }

    static BytesRef termBytes(String term) {
        return new BytesRef(term.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An attribute value as text, as {@link TraceSearch.AttributeCondition} compares it: a string as
     * is, an integer in decimal, a boolean as true/false, a double as {@link Double#toString(double)}
     * unless it is integral (then as the integer); null for lists, maps, bytes and null.
     */
    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Short s -> Short.toString(s);
            case Byte b -> Byte.toString(b);
            case Boolean b -> Boolean.toString(b);
            case Double d -> doubleText(d);
            case Float f -> doubleText(f);
            case null, default -> null;
        };
    }

    private static String doubleText(double d) {
        if (Double.isInfinite(d) || Double.isNaN(d) || d != Math.rint(d)) {
            return Double.toString(d);
        }
        if (Math.abs(d) < 0x1p62) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d).toBigInteger().toString();
    }
}
