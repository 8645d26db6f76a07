package io.sightline.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * The remote_write 1.0 message sizes {@link RemoteWriteEncoder} writes by, and the requests of a
 * drained batch: one {@code WriteRequest} per non-empty shard, the metadata in the first.
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * Exemplar     { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 * Sample and exemplar fields are always written, zeros included. Stateless.
 */
final class RemoteWriteRequests {
    private static final Map<String, Integer> METRIC_TYPES = Map.of("unknown", 0, "counter", 1, "gauge", 2,
            "histogram", 3, "gaugehistogram", 4, "summary", 5, "info", 6, "stateset", 7);

    private RemoteWriteRequests() {
    }

    /** The largest Sample message: a negative timestamp's varint is 10 bytes. */
    static final int MAX_SAMPLE_SIZE = 20;

    /** Bytes of a Sample message: value (tag + fixed64), timestamp (tag + varint); never over 127. */
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

    /**
     * One request per shard with series ({@code items} = its samples), each over its shard's own
     * buffer (no copy: valid until the encoder's next add, see {@link ExportRequest}); the metadata
     * is appended to the first, or is a request of its own with 0 items when no shard has series.
     */
    static List<ExportRequest> of(ByteBuilder[] bodies, int[] samples, Collection<MetricMetadata> metadata,
                                  long metadataBytes) {
        List<ExportRequest> requests = new ArrayList<>();
        boolean metadataWritten = metadata.isEmpty();
        for (int shard = 0; shard < bodies.length; shard++) {
            ByteBuilder body = bodies[shard];
            if (body.size() == 0) {
                continue;
            }
            if (!metadataWritten) {
                appendMetadata(body, metadata, metadataBytes);
                metadataWritten = true;
            }
            requests.add(new ExportRequest(body.array(), body.size(), samples[shard]));
        }
        if (!metadataWritten) {
            appendMetadata(bodies[0], metadata, metadataBytes);
            requests.add(new ExportRequest(bodies[0].array(), bodies[0].size(), 0));
        }
        return requests;
    }

    /** Appends the metadata records, {@code bytes} in all, to {@code body}. */
    private static void appendMetadata(ByteBuilder body, Collection<MetricMetadata> metadata, long bytes) {
        if (body.size() + bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a request of " + (body.size() + bytes)
                    + " bytes: drain before the batch grows so large");
        }
        body.reserve((int) bytes);
        CodedOutputStream out = CodedOutputStream.newInstance(body.array(), body.size(), (int) bytes);
        try {
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
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.truncate(body.size() + (int) bytes);
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
