package io.sightline.sample.load;

import io.airlift.compress.v3.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpRequest;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus remote_write 1.0 bodies: a snappy-compressed (block format, not framed) protobuf
 * {@code prometheus.WriteRequest} with one {@code TimeSeries} per series, each holding one
 * {@code Sample}.
 *
 * <p>The protobuf of every request is encoded once, when the instance is built, with placeholder
 * samples; {@link #encode} copies it, overwrites each sample's value and timestamp in place and
 * compresses the result. That works because both have a fixed width here: the value is a
 * {@code double} (fixed64) and the timestamp, an {@code int64} varint, is always written as
 * {@value #TIMESTAMP_BYTES} bytes — the minimal length for any millisecond time between 1971 and
 * 2109, and a valid (padded) varint for smaller values, which protobuf decoders accept.
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 * </pre>
 *
 * <p>Not thread-safe (see {@link MetricRequests}).
 */
final class RemoteWriteRequests implements MetricRequests {

    static final int TIMESTAMP_BYTES = 6;
    /** The largest timestamp that fits {@value #TIMESTAMP_BYTES} varint bytes: 2^42 - 1 ms. */
    static final long MAX_TIMESTAMP_MILLIS = (1L << (7 * TIMESTAMP_BYTES)) - 1;
    private static final int SAMPLE_BYTES = 1 + 8 + 1 + TIMESTAMP_BYTES;
    private static final VarHandle DOUBLE_LE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final ScrapeState state;
    private final long intervalMillis;
    private final List<Template> templates;
    private final SnappyCompressor snappy = SnappyCompressor.create();
    private final byte[] plain;
    private final int maxBodyBytes;

    /**
     * @param state the values, and the targets whose series this instance sends
     * @param series total series of the load (the last target may expose fewer than 100)
     * @param batch samples per request at most
     */
    RemoteWriteRequests(ScrapeState state, int series, int batch, long intervalMillis) {
        this.state = state;
        this.intervalMillis = intervalMillis;
        this.templates = new ArrayList<>();
        List<int[]> slice = new ArrayList<>(batch);
        for (int t = 0; t < state.targetCount(); t++) {
            int slots = MetricSeriesShape.slots(state.target(t), series);
            for (int s = 0; s < slots; s++) {
                slice.add(new int[] {t, s});
                if (slice.size() == batch) {
                    templates.add(template(slice));
                    slice.clear();
                }
            }
        }
        if (!slice.isEmpty()) {
            templates.add(template(slice));
        }
        int maxPlain = templates.stream().mapToInt(tpl -> tpl.bytes.length).max().orElse(0);
        this.plain = new byte[maxPlain];
        this.maxBodyBytes = snappy.maxCompressedLength(maxPlain);
    }

    @Override
    public int requestsPerRound() {
        return templates.size();
    }

    @Override
    public int samples(int request) {
        return templates.get(request).localTargets.length;
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void advance() {
        state.advance();
    }

    @Override
    public int encode(int request, long roundMillis, byte[] out) {
        int length = stamp(request, roundMillis, plain);
        return snappy.compress(plain, 0, length, out, 0, out.length);
    }

    @Override
    public HttpRequest.Builder headers(HttpRequest.Builder request) {
        return request.header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", "sightline-remote-write-load/0.1");
    }

    /** The uncompressed protobuf of request {@code request} for the current values. */
    int stamp(int request, long roundMillis, byte[] buffer) {
        Template tpl = templates.get(request);
        System.arraycopy(tpl.bytes, 0, buffer, 0, tpl.bytes.length);
        for (int i = 0; i < tpl.localTargets.length; i++) {
            int localTarget = tpl.localTargets[i];
            DOUBLE_LE.set(buffer, tpl.valueOffsets[i], state.value(localTarget, tpl.slots[i]));
            long ts = roundMillis + MetricSeriesShape.scrapeOffsetMillis(state.target(localTarget), intervalMillis);
            writeTimestamp(buffer, tpl.timestampOffsets[i], ts);
        }
        return tpl.bytes.length;
    }

    /** Writes {@code millis} as a varint of exactly {@value #TIMESTAMP_BYTES} bytes. */
    static void writeTimestamp(byte[] buffer, int offset, long millis) {
        if (millis < 0 || millis > MAX_TIMESTAMP_MILLIS) {
            throw new IllegalArgumentException("timestamp out of the encodable range 0.." + MAX_TIMESTAMP_MILLIS
                    + " ms: " + millis);
        }
        for (int i = 0; i < TIMESTAMP_BYTES - 1; i++) {
            buffer[offset + i] = (byte) ((millis >>> (7 * i)) & 0x7F | 0x80);
        }
        buffer[offset + TIMESTAMP_BYTES - 1] = (byte) (millis >>> (7 * (TIMESTAMP_BYTES - 1)));
    }

    private Template template(List<int[]> slice) {
        ByteArrayOutputStream request = new ByteArrayOutputStream(slice.size() * 200);
        int n = slice.size();
        int[] localTargets = new int[n];
        int[] slots = new int[n];
        int[] valueOffsets = new int[n];
        int[] timestampOffsets = new int[n];
        for (int i = 0; i < n; i++) {
            localTargets[i] = slice.get(i)[0];
            slots[i] = slice.get(i)[1];
            ByteArrayOutputStream series = new ByteArrayOutputStream(200);
            for (String[] label : MetricSeriesShape.labels(state.target(localTargets[i]), slots[i])) {
                ByteArrayOutputStream l = new ByteArrayOutputStream(64);
                writeString(l, 1, label[0]);
                writeString(l, 2, label[1]);
                writeBytes(series, 1, l.toByteArray());
            }
            writeTag(series, 2, 2);
            writeVarint(series, SAMPLE_BYTES);
            writeTag(request, 1, 2);
            writeVarint(request, series.size() + SAMPLE_BYTES);
            request.writeBytes(series.toByteArray());
            writeTag(request, 1, 1);                // Sample.value, fixed64
            valueOffsets[i] = request.size();
            request.writeBytes(new byte[8]);
            writeTag(request, 2, 0);                // Sample.timestamp, varint
            timestampOffsets[i] = request.size();
            request.writeBytes(new byte[TIMESTAMP_BYTES]);
        }
        return new Template(request.toByteArray(), localTargets, slots, valueOffsets, timestampOffsets);
    }

    private static void writeString(ByteArrayOutputStream out, int field, String value) {
        writeBytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
        writeTag(out, field, 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }

    private static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
        writeVarint(out, (long) field << 3 | wireType);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A request's protobuf with placeholder samples, and where each sample's fields sit. */
    private record Template(byte[] bytes, int[] localTargets, int[] slots, int[] valueOffsets,
            int[] timestampOffsets) {}
}
