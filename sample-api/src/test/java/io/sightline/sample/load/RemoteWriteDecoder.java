package io.sightline.sample.load;

import com.google.protobuf.CodedInputStream;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only reader of remote_write 1.0 bodies (snappy block, then prometheus.WriteRequest),
 * written from the proto definitions independently of {@link RemoteWriteRequests}, so the tests
 * check the encoder against the format rather than against itself.
 */
final class RemoteWriteDecoder {

    record Sample(double value, long timestampMillis) {}

    /** One TimeSeries: labels in wire order, samples in wire order. */
    record Series(Map<String, String> labels, List<Sample> samples) {
        String name() {
            return labels.get("__name__");
        }
    }

    private RemoteWriteDecoder() {}

    static List<Series> decode(byte[] body, int length) throws IOException {
        SnappyDecompressor snappy = SnappyDecompressor.create();
        byte[] plain = new byte[snappy.getUncompressedLength(body, 0)];
        int n = snappy.decompress(body, 0, length, plain, 0, plain.length);
        return decodeProtobuf(plain, n);
    }

    static List<Series> decodeProtobuf(byte[] bytes, int length) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes, 0, length);
        List<Series> out = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | 2)) {
                out.add(series(CodedInputStream.newInstance(in.readByteArray())));
            } else {
                throw new IOException("unexpected WriteRequest field tag " + tag);
            }
        }
        return out;
    }

    private static Series series(CodedInputStream in) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            CodedInputStream field = CodedInputStream.newInstance(in.readByteArray());
            switch (tag) {
                case 1 << 3 | 2 -> {
                    String name = null;
                    String value = null;
                    while (!field.isAtEnd()) {
                        int t = field.readTag();
                        if (t == (1 << 3 | 2)) {
                            name = field.readString();
                        } else if (t == (2 << 3 | 2)) {
                            value = field.readString();
                        } else {
                            throw new IOException("unexpected Label field tag " + t);
                        }
                    }
                    if (labels.put(name, value) != null) {
                        throw new IOException("duplicate label " + name);
                    }
                }
                case 2 << 3 | 2 -> {
                    double value = Double.NaN;
                    long timestamp = -1;
                    while (!field.isAtEnd()) {
                        int t = field.readTag();
                        if (t == (1 << 3 | 1)) {
                            value = field.readDouble();
                        } else if (t == (2 << 3)) {
                            timestamp = field.readInt64();
                        } else {
                            throw new IOException("unexpected Sample field tag " + t);
                        }
                    }
                    samples.add(new Sample(value, timestamp));
                }
                default -> throw new IOException("unexpected TimeSeries field tag " + tag);
            }
        }
        return new Series(labels, samples);
    }
}
