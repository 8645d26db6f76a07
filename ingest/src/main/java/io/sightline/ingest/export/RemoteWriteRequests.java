package io.sightline.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Writes a drained batch of {@link RemoteWriteEncoder} as remote_write 1.0 {@code WriteRequest}
 * bytes, one per non-empty shard:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * Exemplar     { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 * Samples are grouped by series with a stable counting sort (WAL order kept within a series);
 * every message's size is computed first, so each request is written once into an array of its
 * exact size. Sample and exemplar fields are always written, zeros included. One use per batch.
 */
final class RemoteWriteRequests {
    /** A sample's tag and length byte inside its TimeSeries (a Sample is never over 127 bytes). */
    static final int SAMPLE_FRAME = 2;
    private static final Map<String, Integer> METRIC_TYPES = Map.of("unknown", 0, "counter", 1, "gauge", 2,
            "histogram", 3, "gaugehistogram", 4, "summary", 5, "info", 6, "stateset", 7);

    private final RemoteWriteEncoder.PendingSamples pending;
    private final int shards;

    RemoteWriteRequests(RemoteWriteEncoder.PendingSamples pending, int shards) {
        this.pending = pending;
        this.shards = shards;
    }

    /** Bytes of a Sample message: value (tag + fixed64), timestamp (tag + varint). */
    static int sampleSize(long timestamp) {
        return 1 + 8 + 1 + RemoteWriteLabels.sizeOf(timestamp);
    }

    /** Bytes of an Exemplar message with {@code labelBytes} of encoded labels. */
    static int exemplarSize(int labelBytes, long timestamp) {
        return labelBytes + 1 + 8 + 1 + RemoteWriteLabels.sizeOf(timestamp);
    }

    /** Bytes of a MetricMetadata message with its field tag and length in the WriteRequest. */
    static int metadataSize(MetricMetadata family) {
        int size = metadataBodySize(family);
        return 1 + RemoteWriteLabels.sizeOf(size) + size;
    }

    List<ExportRequest> encode(Collection<MetricMetadata> metadata) {
        int series = pending.seriesCount();
        // Samples and exemplars grouped by series: counting sort, stable.
        int[] sampleStart = new int[series + 1];
        int[] exemplarStart = new int[series + 1];
        for (int i = 0; i < pending.sampleCount(); i++) {
            sampleStart[pending.sampleSeries(i) + 1]++;
        }
        for (int e = 0; e < pending.exemplarCount(); e++) {
            exemplarStart[pending.exemplarSeries(e) + 1]++;
        }
        for (int s = 0; s < series; s++) {
            sampleStart[s + 1] += sampleStart[s];
            exemplarStart[s + 1] += exemplarStart[s];
        }
        int[] sampleOrder = order(pending.sampleCount(), sampleStart, true);
        int[] exemplarOrder = order(pending.exemplarCount(), exemplarStart, false);
        // Each series' TimeSeries size and its shard's request size.
        int[] seriesSize = new int[series];
        long[] shardSize = new long[shards];
        int[] shardItems = new int[shards];
        for (int s = 0; s < series; s++) {
            int shard = pending.shard(s);
            if (shard < 0 || sampleStart[s] == sampleStart[s + 1] && exemplarStart[s] == exemplarStart[s + 1]) {
                continue;
            }
            long size = pending.labelEnd(s) - pending.labelStart(s);
            for (int i = sampleStart[s]; i < sampleStart[s + 1]; i++) {
                size += SAMPLE_FRAME + sampleSize(pending.timestamp(sampleOrder[i]));
            }
            for (int i = exemplarStart[s]; i < exemplarStart[s + 1]; i++) {
                int e = exemplarOrder[i];
                int exemplar = exemplarSize(pending.exemplarLabelEnd(e) - pending.exemplarLabelStart(e),
                        pending.exemplarTimestamp(e));
                size += 1 + RemoteWriteLabels.sizeOf(exemplar) + exemplar;
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a series of " + size + " bytes does not fit one request");
            }
            seriesSize[s] = (int) size;
            shardSize[shard] += 1 + RemoteWriteLabels.sizeOf(size) + size;
            shardItems[shard] += sampleStart[s + 1] - sampleStart[s];
        }
        long metadataBytes = 0;
        for (MetricMetadata family : metadata) {
            metadataBytes += metadataSize(family);
        }
        List<ExportRequest> requests = new ArrayList<>();
        boolean metadataWritten = metadata.isEmpty();
        for (int shard = 0; shard < shards; shard++) {
            if (shardSize[shard] == 0) {
                continue;
            }
            long size = shardSize[shard] + (metadataWritten ? 0 : metadataBytes);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a request of " + size + " bytes: drain before the batch grows so large");
            }
            byte[] body = new byte[(int) size];
            CodedOutputStream out = CodedOutputStream.newInstance(body);
            try {
                for (int s = 0; s < series; s++) {
                    if (pending.shard(s) == shard && seriesSize[s] > 0) {
                        timeSeries(out, s, seriesSize[s], sampleStart, sampleOrder, exemplarStart, exemplarOrder);
                    }
                }
                if (!metadataWritten) {
                    writeMetadata(out, metadata);
                    metadataWritten = true;
                }
                out.checkNoSpaceLeft();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            requests.add(new ExportRequest(body, shardItems[shard]));
        }
        if (!metadataWritten) {
            byte[] body = new byte[(int) metadataBytes];
            CodedOutputStream out = CodedOutputStream.newInstance(body);
            try {
                writeMetadata(out, metadata);
                out.checkNoSpaceLeft();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            requests.add(new ExportRequest(body, 0));
        }
        return requests;
    }

    /** Item indexes grouped by series; {@code starts} is the prefix sum of counts per series. */
    private int[] order(int count, int[] starts, boolean samples) {
        int[] next = java.util.Arrays.copyOf(starts, starts.length);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int s = samples ? pending.sampleSeries(i) : pending.exemplarSeries(i);
            order[next[s]++] = i;
        }
        return order;
    }

    private void timeSeries(CodedOutputStream out, int s, int size, int[] sampleStart, int[] sampleOrder,
                            int[] exemplarStart, int[] exemplarOrder) throws IOException {
        out.writeTag(1, 2);
        out.writeUInt32NoTag(size);
        byte[] labels = pending.seriesLabels.array();
        out.writeRawBytes(labels, pending.labelStart(s), pending.labelEnd(s) - pending.labelStart(s));
        for (int i = sampleStart[s]; i < sampleStart[s + 1]; i++) {
            int sample = sampleOrder[i];
            long timestamp = pending.timestamp(sample);
            out.writeTag(2, 2);
            out.writeUInt32NoTag(sampleSize(timestamp));
            out.writeTag(1, 1);
            out.writeFixed64NoTag(pending.valueBits(sample));
            out.writeTag(2, 0);
            out.writeInt64NoTag(timestamp);
        }
        byte[] exemplarLabels = pending.exemplarLabels.array();
        for (int i = exemplarStart[s]; i < exemplarStart[s + 1]; i++) {
            int e = exemplarOrder[i];
            int labelStart = pending.exemplarLabelStart(e);
            int labelLength = pending.exemplarLabelEnd(e) - labelStart;
            long timestamp = pending.exemplarTimestamp(e);
            out.writeTag(3, 2);
            out.writeUInt32NoTag(exemplarSize(labelLength, timestamp));
            out.writeRawBytes(exemplarLabels, labelStart, labelLength);
            out.writeTag(2, 1);
            out.writeFixed64NoTag(pending.exemplarValueBits(e));
            out.writeTag(3, 0);
            out.writeInt64NoTag(timestamp);
        }
    }

    private static void writeMetadata(CodedOutputStream out, Collection<MetricMetadata> metadata) throws IOException {
        for (MetricMetadata family : metadata) {
            out.writeTag(3, 2);
            out.writeUInt32NoTag(metadataBodySize(family));
            int type = type(family);
            if (type != 0) {
                out.writeEnum(1, type);
            }
            out.writeString(2, family.metric());
            if (!family.help().isEmpty()) {
                out.writeString(4, family.help());
            }
            if (!family.unit().isEmpty()) {
                out.writeString(5, family.unit());
            }
        }
    }

    private static int metadataBodySize(MetricMetadata family) {
        int type = type(family);
        return (type == 0 ? 0 : CodedOutputStream.computeEnumSize(1, type))
                + CodedOutputStream.computeStringSize(2, family.metric())
                + (family.help().isEmpty() ? 0 : CodedOutputStream.computeStringSize(4, family.help()))
                + (family.unit().isEmpty() ? 0 : CodedOutputStream.computeStringSize(5, family.unit()));
    }

    private static int type(MetricMetadata family) {
        return METRIC_TYPES.getOrDefault(family.type(), 0);
    }
}
