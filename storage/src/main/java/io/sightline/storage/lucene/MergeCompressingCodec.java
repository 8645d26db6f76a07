package io.sightline.storage.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * The codec of the log and trace partitions: Lucene 10.4's default codec, except that stored fields
 * written by a merge use DEFLATE ({@link MergeCompressingStoredFields}). Public with a no-argument constructor because
 * Lucene finds a segment's codec by the name written in it, through the service loader
 * ({@code META-INF/services/org.apache.lucene.codecs.Codec}, merged with Lucene's own entries in the
 * fat jar). The name pins the delegate: when Lucene's default codec changes, a new codec with a new
 * name must wrap it and this one stay for the segments already written (as Lucene keeps its old
 * codecs in its backward-codecs module).
 */
public final class MergeCompressingCodec extends FilterCodec {
    /**
     * The name written into every segment; never reuse it for another delegate or format. (It says
     * "Log" because log partitions used it first; the name, not the class, is what segments hold.)
     */
    public static final String NAME = "SightlineLog104";

    private final StoredFieldsFormat storedFields = new MergeCompressingStoredFields();

    /** Called by the service loader; the store uses {@link #instance()}. */
    public MergeCompressingCodec() {
        super(NAME, new Lucene104Codec());
    }

    /** The codec of new segments, as registered (Lucene looks it up by name when reading). */
    public static Codec instance() {
        return Codec.forName(NAME);
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
