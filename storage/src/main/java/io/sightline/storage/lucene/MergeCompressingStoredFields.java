package io.sightline.storage.lucene;

import java.io.IOException;

import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.codecs.StoredFieldsWriter;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;

/**
 * Stored fields (a log record, a trace part) compressed with LZ4 when a segment is
 * flushed and with DEFLATE plus a preset dictionary ({@code BEST_COMPRESSION}) when a merge writes
 * them. Flushes happen on the indexing path every refresh, where DEFLATE would cost ingest CPU; merges
 * run in the background, and every record that stays is rewritten by a merge soon after its flush
 * (small segments merge first), so settled data ends up in the smaller form. Each segment records its
 * mode as a segment attribute ({@link Lucene90StoredFieldsFormat#MODE_KEY}) and the reader follows it,
 * so either instance reads both.
 */
final class MergeCompressingStoredFields extends StoredFieldsFormat {
    private final StoredFieldsFormat flushed = new Lucene90StoredFieldsFormat(Lucene90StoredFieldsFormat.Mode.BEST_SPEED);
    private final StoredFieldsFormat merged = new Lucene90StoredFieldsFormat(Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION);

    @Override
    public StoredFieldsReader fieldsReader(Directory directory, SegmentInfo segment, FieldInfos fields, IOContext context)
            throws IOException {
        return flushed.fieldsReader(directory, segment, fields, context);
    }

    @Override
    public StoredFieldsWriter fieldsWriter(Directory directory, SegmentInfo segment, IOContext context) throws IOException {
        return (context.context() == IOContext.Context.MERGE ? merged : flushed).fieldsWriter(directory, segment, context);
    }
}
