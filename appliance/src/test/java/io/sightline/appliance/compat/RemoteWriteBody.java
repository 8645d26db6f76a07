package io.sightline.appliance.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.sightline.storage.tsdb.Labels;

/**
 * A remote_write 1.0 request body (snappy-compressed {@code prometheus.WriteRequest}) written field
 * by field: WriteRequest.timeseries = 1; TimeSeries.labels = 1, samples = 2; Label.name = 1,
 * value = 2; Sample.value = 1 (double), timestamp = 2 (int64 ms). Public for the metrics crash test
 * (io.sightline.appliance.jar).
 */
public final class RemoteWriteBody {
    public record Point(long timestampMs, double value) {
    }

    public record TimeSeries(Labels labels, List<Point> points) {
    }

    private RemoteWriteBody() {
    }

    public static byte[] of(List<TimeSeries> series) throws IOException {
        ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(protobuf);
        for (TimeSeries s : series) {
            out.writeByteArray(1, timeSeries(s));
        }
        out.flush();
        byte[] raw = protobuf.toByteArray();
        SnappyCompressor snappy = SnappyCompressor.create();
        byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
        int length = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
        return java.util.Arrays.copyOf(compressed, length);
    }

    private static byte[] timeSeries(TimeSeries series) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int i = 0; i < series.labels().size(); i++) {
            ByteArrayOutputStream label = new ByteArrayOutputStream();
            CodedOutputStream labelOut = CodedOutputStream.newInstance(label);
            labelOut.writeString(1, series.labels().name(i));
            labelOut.writeString(2, series.labels().value(i));
            labelOut.flush();
            out.writeByteArray(1, label.toByteArray());
        }
        for (Point point : series.points()) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            CodedOutputStream sampleOut = CodedOutputStream.newInstance(sample);
            sampleOut.writeDouble(1, point.value());
            sampleOut.writeInt64(2, point.timestampMs());
            sampleOut.flush();
            out.writeByteArray(2, sample.toByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }
}
