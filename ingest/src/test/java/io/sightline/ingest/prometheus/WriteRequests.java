package io.sightline.ingest.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.v3.snappy.SnappyCompressor;

/**
 * Builds remote_write 1.0 WriteRequest bytes by hand with protobuf's CodedOutputStream, field by
 * field as prompb/remote.proto and types.proto define them, so the decoder is tested against the
 * wire format rather than against itself.
 */
public final class WriteRequests {
    private final List<byte[]> series = new ArrayList<>();
    private final List<byte[]> metadata = new ArrayList<>();

    /** A series: labels as name, value pairs in the order given (not sorted here). */
    public Series series(String... labels) {
        return new Series(this, labels);
    }

    public WriteRequests metadata(int type, String family, String help, String unit) {
        metadata.add(message(out -> {
            out.writeEnum(1, type);
            out.writeString(2, family);
            out.writeString(4, help);
            out.writeString(5, unit);
        }));
        return this;
    }

    public byte[] bytes() {
        return message(out -> {
            for (byte[] s : series) {
                out.writeByteArray(1, s);
            }
            for (byte[] m : metadata) {
                out.writeByteArray(3, m);
            }
        });
    }

    /** The request compressed with snappy's block format, as remote_write sends it. */
    public byte[] snappy() {
        return compress(bytes());
    }

    public static byte[] compress(byte[] raw) {
        SnappyCompressor compressor = SnappyCompressor.create();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int length = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return java.util.Arrays.copyOf(out, length);
    }

    static byte[] label(String name, String value) {
        return message(out -> {
            out.writeString(1, name);
            out.writeString(2, value);
        });
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One TimeSeries under construction. */
    public static final class Series {
        private final WriteRequests request;
        private final String[] labels;
        private final List<byte[]> parts = new ArrayList<>();

        Series(WriteRequests request, String[] labels) {
            this.request = request;
            this.labels = labels;
        }

        public Series sample(long timestampMs, double value) {
            parts.add(field(2, message(out -> {
                out.writeDouble(1, value);
                out.writeInt64(2, timestampMs);
            })));
            return this;
        }

        public Series exemplar(long timestampMs, double value, String... exemplarLabels) {
            parts.add(field(3, message(out -> {
                for (int i = 0; i < exemplarLabels.length; i += 2) {
                    out.writeByteArray(1, label(exemplarLabels[i], exemplarLabels[i + 1]));
                }
                out.writeDouble(2, value);
                out.writeInt64(3, timestampMs);
            })));
            return this;
        }

        /** A native histogram (field 4), its content irrelevant here. */
        public Series histogram() {
            parts.add(field(4, message(out -> out.writeUInt64(1, 3))));
            return this;
        }

        public WriteRequests end() {
            request.series.add(message(out -> {
                for (int i = 0; i < labels.length; i += 2) {
                    out.writeByteArray(1, label(labels[i], labels[i + 1]));
                }
                for (byte[] part : parts) {
                    out.writeRawBytes(part);
                }
            }));
            return request;
        }

        private static byte[] field(int number, byte[] payload) {
            return message(out -> out.writeByteArray(number, payload));
        }
    }
}
