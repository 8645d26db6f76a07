package io.sightline.sample.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The span bodies of a run, built once before it: {@code size} batches of exactly {@code batch}
 * spans from one {@link SpanBatchGenerator}, encoded in one {@link SpanBody.Format}. The same seed
 * gives the same traces in either format, so an OTLP run and a Zipkin run send the same spans.
 * Immutable and thread-safe.
 */
final class SpanRequestPool {

    private final List<SpanBody> bodies;
    private final int maxBodyBytes;

    private SpanRequestPool(List<SpanBody> bodies) {
        this.bodies = List.copyOf(bodies);
        this.maxBodyBytes = bodies.stream().mapToInt(SpanBody::length).max().orElse(0);
    }

    static SpanRequestPool build(SpanBody.Format format, long seed, int batch, int size) {
        if (size < 1 || batch < 1) {
            throw new IllegalArgumentException("pool size " + size + ", batch " + batch);
        }
        SpanBatchGenerator generator = new SpanBatchGenerator(seed);
        List<SpanBody> bodies = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            List<GeneratedTrace> traces = generator.batch(batch);
            bodies.add(format == SpanBody.Format.OTLP ? OtlpSpanEncoder.encode(traces) : ZipkinSpanEncoder.encode(traces));
        }
        return new SpanRequestPool(bodies);
    }

    /** The body of send {@code index}: the pool's bodies in turn. */
    SpanBody body(long index) {
        return bodies.get((int) Math.floorMod(index, (long) bodies.size()));
    }

    int size() {
        return bodies.size();
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    long totalBytes() {
        return bodies.stream().mapToLong(SpanBody::length).sum();
    }

    long totalTraces() {
        return bodies.stream().mapToLong(SpanBody::traces).sum();
    }
}
