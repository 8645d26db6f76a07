package io.sightline.ingest.prometheus;

import java.util.List;
import java.util.zip.CRC32C;

import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Encodes one metrics WAL entry in the sample-batch format ({@link SampleEntries#FORMAT}, layout in
 * the ingest README): series with their samples and exemplars, then metadata, then a CRC32C.
 * Written in one pass; the series count is patched at the end. Not thread-safe; reusable.
 */
public final class SampleEntryWriter {
    private final ByteBuilder out = new ByteBuilder(8192);
    private int series;

    /** Starts a new entry, discarding any unfinished one. */
    public void begin() {
        out.clear();
        out.writeByte(SampleEntries.FORMAT);
        out.writeByte(SampleEntries.VERSION);
        out.writeFixed32(0);
        series = 0;
    }

    /** Starts a series: its label block, then exactly {@code samples} calls of {@link #sample}. */
    public void series(byte[] labels, int offset, int length, int samples) {
        out.writeVarint(length);
        out.write(labels, offset, length);
        out.writeVarint(samples);
        series++;
    }

    public void sample(long timestampMs, double value) {
        out.writeZigZag(timestampMs);
        out.writeDouble(value);
    }

    /** After the series' samples: how many exemplars follow (0 for none). */
    public void exemplars(int count) {
        out.writeVarint(count);
    }

    public void exemplar(byte[] labels, int offset, int length, double value, long timestampMs) {
        out.writeVarint(length);
        out.write(labels, offset, length);
        out.writeDouble(value);
        out.writeZigZag(timestampMs);
    }

    public int seriesWritten() {
        return series;
    }

    /** An entry of everything in {@code batch}, without admission (for entries already admitted once). */
    public byte[] encode(SampleBatch batch) {
        begin();
        byte[] labels = batch.labelArray();
        byte[] exemplarLabels = batch.exemplarLabelArray();
        for (int s = 0; s < batch.seriesCount(); s++) {
            int start = batch.labelStart(s);
            series(labels, start, batch.labelEnd(s) - start, batch.sampleEnd(s) - batch.sampleStart(s));
            for (int i = batch.sampleStart(s); i < batch.sampleEnd(s); i++) {
                sample(batch.timestamp(i), batch.value(i));
            }
            exemplars(batch.exemplarEnd(s) - batch.exemplarStart(s));
            for (int e = batch.exemplarStart(s); e < batch.exemplarEnd(s); e++) {
                int from = batch.exemplarLabelStart(e);
                exemplar(exemplarLabels, from, batch.exemplarLabelEnd(e) - from, batch.exemplarValue(e),
                        batch.exemplarTimestamp(e));
            }
        }
        return finish(batch.metadata());
    }

    /** Ends the entry with {@code metadata} and the checksum; returns its bytes. */
    public byte[] finish(List<MetricMetadata> metadata) {
        out.writeVarint(metadata.size());
        for (MetricMetadata family : metadata) {
            out.writeString(family.metric());
            out.writeString(family.type());
            out.writeString(family.help());
            out.writeString(family.unit());
        }
        out.setFixed32(2, series);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.writeFixed32((int) crc.getValue());
        return out.toByteArray();
    }
}
