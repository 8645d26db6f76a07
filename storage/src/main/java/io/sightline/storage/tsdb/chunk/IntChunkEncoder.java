package io.sightline.storage.tsdb.chunk;

import java.util.Arrays;

/**
 * Encodes samples as an {@link IntChunk} when every value is an integer, or a decimal with at most
 * {@link #MAX_SCALE} places, that comes back bit for bit from a long below 2^53 in magnitude.
 *
 * <p>The layout (drawn in {@code storage/docs/format/tsdb-chunks.md}): sample count u16, a value
 * parameter byte, a time parameter byte, then a bit stream, most significant bit first. Timestamps
 * are Gorilla's delta-of-deltas; values are the scaled integers as deltas (less a bias) or
 * delta-of-deltas. Both kinds of residual go into '0' / '10'+w / '110'+(w+6) / '1110'+(w+14) /
 * '1111'+64 bit buckets, two's complement, with a first width w in 1..16 the encoder picks per
 * chunk from a histogram of residual lengths; it also picks the cheapest of deltas, deltas less
 * their median and delta-of-deltas. So one layout fits a counter rising by 0–3 (w=2), one rising
 * steadily (mostly '0'), a histogram bucket gaining dozens a scrape (w=6 or so) and timestamps
 * with a few ms of jitter (w=4 instead of XOR's fixed 7). Stateless.
 */
final class IntChunkEncoder {
    /** Most decimal places tried; gauges and sums with more are rarely exact decimals anyway. */
    static final int MAX_SCALE = 4;
    static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};
    /** Scaled values stay below 2^53 in magnitude: every such long is an exact double. */
    static final long LIMIT = 1L << 53;
    /** First bucket widths tried; wider residuals than 16+14 bits are rare enough for the escape. */
    static final int MAX_WIDTH = 16;

    private static final int DOD_FLAG = 0x80;

    private IntChunkEncoder() {
    }

    static boolean isDeltaOfDelta(int params) {
        return (params & DOD_FLAG) != 0;
    }

    static int scaleOf(int params) {
        return (params >>> 4) & 7;
    }

    static int widthOf(int params) {
        return (params & 15) + 1;
    }

    /** Bits of value bucket {@code ones} (1..4: the count of 1 bits of its prefix) for first width w. */
    static int bucketWidth(int w, int ones) {
        return switch (ones) {
            case 1 -> w;
            case 2 -> w + 6;
            case 3 -> w + 14;
            default -> 64;
        };
    }

    /**
     * The chunk, or null when some value is not a (scaled) integer that round-trips exactly: NaN
     * (stale markers too), ±Inf, -0.0, fractions with more than {@link #MAX_SCALE} places, or
     * magnitudes of 2^53 and above.
     *
     * @param times strictly increasing, Unix ms
     * @param count 1..{@link XorChunk#MAX_SAMPLES} samples taken from the arrays' start
     */
    static IntChunk encode(long[] times, double[] values, int count) {
        if (count < 1 || count > XorChunk.MAX_SAMPLES) {
            throw new IllegalArgumentException("an integer chunk holds 1.." + XorChunk.MAX_SAMPLES + " samples, got " + count);
        }
        for (int i = 1; i < count; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("timestamp " + times[i] + " is not after " + times[i - 1]);
            }
        }
        long[] ints = new long[count];
        int scale = scale(values, count, ints);
        if (scale < 0) {
            return null;
        }
        long[] timeResiduals = residuals(times, count, true, 0);
        int timeWidth = cheapestWidth(lengths(timeResiduals, count));
        Residuals value = chooseValueResiduals(ints, count);
        int params = (value.deltaOfDelta ? DOD_FLAG : 0) | scale << 4 | (value.width - 1);
        BitWriter out = new BitWriter(IntChunk.HEADER_BYTES + count);
        out.writeBits(params, 8);
        out.writeBits(timeWidth - 1, 8);
        out.writeVarint(times[0]);
        out.writeVarint(ints[0]);
        out.writeVarint(value.bias);
        for (int i = 1; i < count; i++) {
            writeResidual(out, timeResiduals[i], timeWidth);
            writeResidual(out, value.residuals[i], value.width);
        }
        byte[] bytes = Arrays.copyOf(out.bytes(), out.byteLength());
        bytes[0] = (byte) (count >>> 8);
        bytes[1] = (byte) count;
        return new IntChunk(bytes, times[0], times[count - 1]);
    }

    /** The fewest decimal places k such that every value is long / 10^k exactly, or -1. */
    private static int scale(double[] values, int count, long[] ints) {
        next:
        for (int k = 0; k <= MAX_SCALE; k++) {
            double power = POWERS_OF_TEN[k];
            for (int i = 0; i < count; i++) {
                double v = values[i];
                long scaled = Math.round(v * power);
                // The bounds check also refuses ±Inf and huge values (round gives Long.MIN/MAX);
                // the bit comparison refuses NaN (round gives 0), -0.0 and inexact decimals.
                if (scaled <= -LIMIT || scaled >= LIMIT
                        || Double.doubleToRawLongBits(scaled / power) != Double.doubleToRawLongBits(v)) {
                    continue next;
                }
                ints[i] = scaled;
            }
            return k;
        }
        return -1;
    }

    /** Value residuals of one kind with the bias subtracted, and the first width that prices them best. */
    private record Residuals(boolean deltaOfDelta, long bias, long[] residuals, int width, long bits) {
    }

    /**
     * The cheapest of three ways to write the values: deltas, deltas less their median (a counter
     * rising by 0–40 then needs 5-bit residuals, not 6), or delta-of-deltas (a steady rate).
     */
    private static Residuals chooseValueResiduals(long[] ints, int count) {
        long[] deltas = residuals(ints, count, false, 0);
        long median = 0;
        if (count > 1) {
            long[] sorted = Arrays.copyOfRange(deltas, 1, count);
            Arrays.sort(sorted);
            median = sorted[sorted.length / 2];
        }
        Residuals best = priced(false, 0, deltas, count);
        if (median != 0) {
            Residuals biased = priced(false, median, residuals(ints, count, false, median), count);
            best = biased.bits < best.bits ? biased : best;
        }
        Residuals dod = priced(true, 0, residuals(ints, count, true, 0), count);
        return dod.bits < best.bits ? dod : best;
    }

    private static Residuals priced(boolean deltaOfDelta, long bias, long[] residuals, int count) {
        int[] lengths = lengths(residuals, count);
        int width = cheapestWidth(lengths);
        return new Residuals(deltaOfDelta, bias, residuals, width, cost(lengths, width));
    }

    /**
     * Residuals 1..count-1 of a sequence (index 0 unused): its deltas, or its delta-of-deltas
     * (the first against a delta of 0), less {@code bias}. Inputs below 2^54 in magnitude (times
     * of real data; integers below 2^53) keep these from overflowing; times far apart overflow
     * the same way in encoder and decoder, so they still round-trip.
     */
    private static long[] residuals(long[] xs, int count, boolean deltaOfDelta, long bias) {
        long[] out = new long[count];
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = xs[i] - xs[i - 1];
            out[i] = (deltaOfDelta ? delta - previousDelta : delta) - bias;
            previousDelta = delta;
        }
        return out;
    }

    /**
     * The first bucket width in 1..{@link #MAX_WIDTH} that spends the fewest bits on residuals of
     * these lengths. Widths above the longest residual only cost more, so they are not priced (the
     * head seals a chunk every 120 samples on the append path, where this is most of the work).
     */
    private static int cheapestWidth(int[] lengths) {
        int best = 1;
        long bestBits = Long.MAX_VALUE;
        int widest = Math.min(MAX_WIDTH, Math.max(1, longest(lengths)));
        for (int w = 1; w <= widest; w++) {
            long bits = cost(lengths, w);
            if (bits < bestBits) {
                bestBits = bits;
                best = w;
            }
        }
        return best;
    }

    /** How many residuals (1..count-1) need each two's-complement length. */
    private static int[] lengths(long[] residuals, int count) {
        int[] lengths = new int[65];
        for (int i = 1; i < count; i++) {
            lengths[length(residuals[i])]++;
        }
        return lengths;
    }

    /** The longest length counted in {@code lengths} (0 when every residual is 0). */
    private static int longest(int[] lengths) {
        int n = 64;
        while (n > 0 && lengths[n] == 0) {
            n--;
        }
        return n;
    }

    /** Two's-complement bits {@code r} needs, 0 for 0 (which has its own one-bit code). */
    private static int length(long r) {
        return r == 0 ? 0 : 65 - Long.numberOfLeadingZeros(r ^ (r >> 63));
    }

    private static long cost(int[] lengths, int w) {
        long bits = lengths[0];
        int longest = longest(lengths);
        for (int n = 1; n <= longest; n++) {
            if (lengths[n] == 0) {
                continue;
            }
            int each = n <= w ? 2 + w : n <= w + 6 ? 3 + w + 6 : n <= w + 14 ? 4 + w + 14 : 4 + 64;
            bits += (long) each * lengths[n];
        }
        return bits;
    }

    private static void writeResidual(BitWriter out, long r, int w) {
        int n = length(r);
        if (n == 0) {
            out.writeBit(false);
        } else if (n <= w) {
            out.writeBits(0b10, 2);
            out.writeBits(r, w);
        } else if (n <= w + 6) {
            out.writeBits(0b110, 3);
            out.writeBits(r, w + 6);
        } else if (n <= w + 14) {
            out.writeBits(0b1110, 4);
            out.writeBits(r, w + 14);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(r, 64);
        }
    }

}
