package io.sightline.ingest.otlp;

import static io.sightline.ingest.WireReader.FIXED64;
import static io.sightline.ingest.WireReader.LEN;
import static io.sightline.ingest.WireReader.VARINT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.sightline.ingest.WireReader;

/**
 * The data points of {@link MetricsWireReader}: reads each point's fields from the wire (attributes
 * go to the mapping as they come, values into reused arrays) and hands the point to {@link
 * MetricsMapping} / {@link HistogramMapping} once its message ends. Exemplars, rare on the hot path,
 * are parsed with protobuf-java's {@link Exemplar} so their rendering stays the mapping's. Not
 * thread-safe; one per request.
 */
final class MetricsWirePoints {
    private final MetricsWireReader reader;
    private final WireReader in;
    private final MetricsMapping mapping;
    private double[] bounds = new double[16];
    private long[] counts = new long[17];
    private double[] quantiles = new double[8];
    private double[] values = new double[8];
    /** Start and end of each exemplar of the current point. */
    private int[] exemplars = new int[8];
    private int exemplarCount;

    MetricsWirePoints(MetricsWireReader reader, WireReader in, MetricsMapping mapping) {
        this.reader = reader;
        this.in = in;
        this.mapping = mapping;
    }

    /** NumberDataPoint: attributes 7, start 2, time 3, as_double 4, as_int 6, exemplars 5, flags 8. */
    void number(int end, String family, boolean delta, boolean withExemplars) {
        int index = mapping.beginPoint();
        long startNanos = 0;
        long timeNanos = 0;
        double value = 0;
        int flags = 0;
        exemplarCount = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 7 -> reader.keyValue(in.lengthDelimited(tag), false);
                case 2 -> startNanos = in.fixed64(tag);
                case 3 -> timeNanos = in.fixed64(tag);
                case 4 -> value = in.doubleValue(tag);
                case 6 -> value = in.fixed64(tag);
                case 5 -> exemplar(tag);
                case 8 -> flags = (int) in.varint(tag);
                default -> in.skip(tag);
            }
        }
        mapping.endAttributes();
        if (mapping.number(index, family, delta, startNanos, timeNanos, flags, value) && withExemplars) {
            for (int i = 0; i < exemplarCount; i++) {
                mapping.exemplar(reader.parse(Exemplar.parser(), exemplars[2 * i], exemplars[2 * i + 1]));
            }
        }
    }

    /**
     * HistogramDataPoint: attributes 9, start 2, time 3, count 4, sum 5, bucket_counts 6, explicit_bounds
     * 7, exemplars 8, flags 10 (min 11 and max 12 are not mapped).
     */
    void explicit(int end, String family, boolean delta) {
        int index = mapping.beginPoint();
        long startNanos = 0;
        long timeNanos = 0;
        long count = 0;
        double sum = 0;
        boolean hasSum = false;
        int flags = 0;
        int boundCount = 0;
        int countCount = 0;
        exemplarCount = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 9 -> reader.keyValue(in.lengthDelimited(tag), false);
                case 2 -> startNanos = in.fixed64(tag);
                case 3 -> timeNanos = in.fixed64(tag);
                case 4 -> count = in.fixed64(tag);
                case 5 -> {
                    sum = in.doubleValue(tag);
                    hasSum = true;
                }
                case 6 -> {
                    // Packed (one LEN field of 8-byte values) or not (one FIXED64 field a value).
                    int packedEnd = (tag & 7) == LEN ? in.lengthDelimited(tag) : in.position() + 8;
                    while (in.before(packedEnd)) {
                        if (countCount == counts.length) {
                            counts = Arrays.copyOf(counts, countCount * 2);
                        }
                        counts[countCount++] = in.fixed64(FIXED64);
                    }
                }
                case 7 -> {
                    int packedEnd = (tag & 7) == LEN ? in.lengthDelimited(tag) : in.position() + 8;
                    while (in.before(packedEnd)) {
                        if (boundCount == bounds.length) {
                            bounds = Arrays.copyOf(bounds, boundCount * 2);
                        }
                        bounds[boundCount++] = in.doubleValue(FIXED64);
                    }
                }
                case 8 -> exemplar(tag);
                case 10 -> flags = (int) in.varint(tag);
                default -> in.skip(tag);
            }
        }
        mapping.endAttributes();
        HistogramMapping.explicit(mapping, index, family, delta, startNanos, timeNanos, flags, bounds, boundCount,
                counts, countCount, count, sum, hasSum, exemplarList());
    }

    /**
     * ExponentialHistogramDataPoint: attributes 1, start 2, time 3, count 4, sum 5, scale 6, zero_count
     * 7, positive 8, negative 9, flags 10, exemplars 11, zero_threshold 14 (min 12, max 13 not mapped).
     */
    void exponential(int end, String family, boolean delta) {
        int index = mapping.beginPoint();
        long startNanos = 0;
        long timeNanos = 0;
        long count = 0;
        double sum = 0;
        boolean hasSum = false;
        int flags = 0;
        int scale = 0;
        long zeroCount = 0;
        double zeroThreshold = 0;
        int positiveOffset = 0;
        long[] positive = new long[0];
        int negativeOffset = 0;
        long[] negative = positive;
        exemplarCount = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> reader.keyValue(in.lengthDelimited(tag), false);
                case 2 -> startNanos = in.fixed64(tag);
                case 3 -> timeNanos = in.fixed64(tag);
                case 4 -> count = in.fixed64(tag);
                case 5 -> {
                    sum = in.doubleValue(tag);
                    hasSum = true;
                }
                case 6 -> scale = zigZag32(in.varint(tag));
                case 7 -> zeroCount = in.fixed64(tag);
                case 8 -> {
                    int bucketsEnd = in.lengthDelimited(tag);
                    positiveOffset = bucketOffset(bucketsEnd);
                    positive = bucketCounts(bucketsEnd);
                }
                case 9 -> {
                    int bucketsEnd = in.lengthDelimited(tag);
                    negativeOffset = bucketOffset(bucketsEnd);
                    negative = bucketCounts(bucketsEnd);
                }
                case 10 -> flags = (int) in.varint(tag);
                case 11 -> exemplar(tag);
                case 14 -> zeroThreshold = in.doubleValue(tag);
                default -> in.skip(tag);
            }
        }
        mapping.endAttributes();
        ExponentialBuckets buckets = ExponentialBuckets.of(scale, zeroThreshold, zeroCount, positiveOffset, positive,
                negativeOffset, negative, count, sum, hasSum);
        HistogramMapping.exponential(mapping, index, family, delta, startNanos, timeNanos, flags, buckets,
                exemplarList());
    }

    /** Buckets' offset (field 1, sint32), read ahead of its counts; the reader stays at the message start. */
    private int bucketOffset(int end) {
        int start = in.position();
        int offset = 0;
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                offset = zigZag32(in.varint(tag));
            } else {
                in.skip(tag);
            }
        }
        in.seek(start);
        return offset;
    }

    /** Buckets' counts (field 2, uint64, packed or not), in a new array the buckets keep. */
    private long[] bucketCounts(int end) {
        long[] values = new long[0];
        int n = 0;
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 != 2) {
                in.skip(tag);
                continue;
            }
            // Packed (one LEN field of varints) or not (one VARINT field a value).
            int packedEnd = (tag & 7) == LEN ? in.lengthDelimited(tag) : -1;
            do {
                if (packedEnd >= 0 && !in.before(packedEnd)) {
                    break;
                }
                if (n == values.length) {
                    values = Arrays.copyOf(values, Math.max(8, n * 2));
                }
                values[n++] = in.varint(VARINT);
            } while (packedEnd >= 0);
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** SummaryDataPoint: attributes 7, start 2, time 3, count 4, sum 5, quantile_values 6, flags 8. */
    void summary(int end, String family) {
        int index = mapping.beginPoint();
        long timeNanos = 0;
        long count = 0;
        double sum = 0;
        int flags = 0;
        int n = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 7 -> reader.keyValue(in.lengthDelimited(tag), false);
                case 3 -> timeNanos = in.fixed64(tag);
                case 4 -> count = in.fixed64(tag);
                case 5 -> sum = in.doubleValue(tag);
                case 6 -> {
                    if (n == quantiles.length) {
                        quantiles = Arrays.copyOf(quantiles, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    quantile(in.lengthDelimited(tag), n++);
                }
                case 8 -> flags = (int) in.varint(tag);
                default -> in.skip(tag);
            }
        }
        mapping.endAttributes();
        mapping.summary(index, family, timeNanos, flags, quantiles, values, n, sum, count);
    }

    /** ValueAtQuantile: quantile 1, value 2. */
    private void quantile(int end, int i) {
        quantiles[i] = 0;
        values[i] = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> quantiles[i] = in.doubleValue(tag);
                case 2 -> values[i] = in.doubleValue(tag);
                default -> in.skip(tag);
            }
        }
    }

    /** Notes where an exemplar's bytes are; they are parsed only if the point is written. */
    private void exemplar(int tag) {
        int end = in.lengthDelimited(tag);
        if (2 * exemplarCount + 2 > exemplars.length) {
            exemplars = Arrays.copyOf(exemplars, exemplars.length * 2);
        }
        exemplars[2 * exemplarCount] = in.position();
        exemplars[2 * exemplarCount + 1] = end;
        exemplarCount++;
        in.seek(end);
    }

    private List<Exemplar> exemplarList() {
        if (exemplarCount == 0) {
            return List.of();
        }
        List<Exemplar> list = new ArrayList<>(exemplarCount);
        for (int i = 0; i < exemplarCount; i++) {
            list.add(reader.parse(Exemplar.parser(), exemplars[2 * i], exemplars[2 * i + 1]));
        }
        return list;
    }

    /** protobuf's sint32: the low 32 bits of the varint, zigzag-decoded. */
    private static int zigZag32(long varint) {
        int n = (int) varint;
        return (n >>> 1) ^ -(n & 1);
    }
}
