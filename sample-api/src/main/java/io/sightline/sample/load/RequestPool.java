package io.sightline.sample.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Serialized export requests built once before a run, so that sending costs a copy and a few
 * thousand 8-byte writes instead of building and encoding protobuf messages.
 *
 * <p>Each body remembers where its records' {@code time_unix_nano} and
 * {@code observed_time_unix_nano} fields sit; both are {@code fixed64} on the wire, so
 * {@link #stamp} can overwrite them in place with the current time without re-encoding.
 * Immutable and thread-safe; {@link #stamp} writes only into the caller's buffer.
 */
final class RequestPool {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Gap between consecutive records' timestamps within one request: 1 µs, ending at "now". */
    static final long RECORD_SPACING_NANOS = 1_000;

    private final List<Body> bodies;
    private final int recordsPerBody;
    private final int maxBodyBytes;

    private RequestPool(List<Body> bodies, int recordsPerBody) {
        this.bodies = List.copyOf(bodies);
        this.recordsPerBody = recordsPerBody;
        this.maxBodyBytes = bodies.stream().mapToInt(b -> b.bytes.length).max().orElse(0);
    }

    /**
     * Builds {@code size} bodies of {@code batch} records each; body {@code i} comes from service
     * {@code i mod services}, so make {@code size >= services} to use every service.
     */
    static RequestPool build(long seed, int services, int batch, int size, long nowUnixNano) {
        if (size < 1 || batch < 1) {
            throw new IllegalArgumentException("pool size " + size + ", batch " + batch);
        }
        LogBatchGenerator generator = new LogBatchGenerator(seed, services);
        List<Body> bodies = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] bytes = generator.request(i, batch, nowUnixNano).toByteArray();
            bodies.add(new Body(bytes, TimestampLocator.locate(bytes)));
        }
        return new RequestPool(bodies, batch);
    }

    int size() {
        return bodies.size();
    }

    int recordsPerBody() {
        return recordsPerBody;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    long totalBytes() {
        return bodies.stream().mapToLong(b -> b.bytes.length).sum();
    }

    /**
     * Copies body {@code index mod size} into {@code buffer} (at least {@link #maxBodyBytes} long)
     * and stamps its records so that the last one carries {@code nowUnixNano}.
     *
     * @return the number of bytes written
     */
    int stamp(long index, byte[] buffer, long nowUnixNano) {
        Body body = bodies.get((int) Math.floorMod(index, (long) bodies.size()));
        System.arraycopy(body.bytes, 0, buffer, 0, body.bytes.length);
        int[] time = body.offsets.time();
        int[] observed = body.offsets.observed();
        for (int i = 0; i < time.length; i++) {
            LONG_LE.set(buffer, time[i], nowUnixNano - (time.length - 1 - i) * RECORD_SPACING_NANOS);
        }
        for (int offset : observed) {
            LONG_LE.set(buffer, offset, nowUnixNano);
        }
        return body.bytes.length;
    }

    private record Body(byte[] bytes, TimestampLocator.Offsets offsets) {}
}
