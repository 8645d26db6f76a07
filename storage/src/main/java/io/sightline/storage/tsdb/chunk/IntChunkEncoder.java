package io.sightline.storage.tsdb.chunk;

import java.util.Arrays;

/**
 * Encodes samples as an {@link IntChunk} when every value is an integer, or a decimal with at most
 * {@link #MAX_SCALE} places, that comes back bit for bit from a long below 2^53 in magnitude.
 *
 * <p>The layout (drawn in {@code storage/docs/format/tsdb-chunks.md}): sample count u16, a parameter
 * byte, then a bit stream, most significant bit first. Timestamps are XOR's (zig-zag varint, then
 * delta-of-deltas in '0'/'10'+7/'110'+14/'1110'+20/'1111'+64 bits). Values are the scaled integers:
 * the first as a zig-zag varint, each next one as a residual, either its delta or its
 * delta-of-delta, in '0' / '10'+w / '110'+(w+6) / '1110'+(w+14) / '1111'+64 bits, two's complement.
 * The encoder tries both residual kinds and every first width w in 1..16 and keeps the cheapest,
 * so one layout fits a counter rising by 0–3 (deltas, w=2), one rising steadily (delta-of-deltas,
 * mostly '0') and a histogram bucket gaining hundreds a scrape (w=9 or so). Stateless.
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
        long[] ints = new long[count];
        int scale = scale(values, count, ints);
        if (scale < 0) {
            return null;
        }
        int params = chooseResidual(ints, count) | scale << 4;
        boolean deltaOfDelta = isDeltaOfDelta(params);
        int width = widthOf(params);
        BitWriter out = new BitWriter(IntChunk.HEADER_BYTES + count);
        out.writeBits(params, 8);
        writeVarint(out, times[0]);
        writeVarint(out, ints[0]);
        long timeDelta = 0;
        long valueDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = times[i] - times[i - 1];
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("timestamp " + times[i] + " is not after " + times[i - 1]);
            }
            writeTimeDeltaOfDelta(out, i == 1 ? delta : delta - timeDelta);
            timeDelta = delta;
            long d = ints[i] - ints[i - 1];
            writeResidual(out, deltaOfDelta ? d - valueDelta : d, width);
            valueDelta = d;
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

    /**
     * The residual kind and first width (as parameter bits) that spend the fewest value bits: a
     * histogram of each residual's two's-complement length per kind, then every width priced
     * from it.
     */
    private static int chooseResidual(long[] ints, int count) {
        int[] deltaLengths = new int[65];
        int[] dodLengths = new int[65];
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = ints[i] - ints[i - 1];
            deltaLengths[length(delta)]++;
            dodLengths[length(delta - previousDelta)]++;
            previousDelta = delta;
        }
        long best = Long.MAX_VALUE;
        int params = 0;
        for (int w = 1; w <= MAX_WIDTH; w++) {
            long deltaBits = cost(deltaLengths, w);
            long dodBits = cost(dodLengths, w);
            if (deltaBits < best) {
                best = deltaBits;
                params = w - 1;
            }
            if (dodBits < best) {
                best = dodBits;
                params = DOD_FLAG | (w - 1);
            }
        }
        return params;
    }

    /** Two's-complement bits {@code r} needs, 0 for 0 (which has its own one-bit code). */
    private static int length(long r) {
        return r == 0 ? 0 : 65 - Long.numberOfLeadingZeros(r ^ (r >> 63));
    }

    private static long cost(int[] lengths, int w) {
        long bits = lengths[0];
        for (int n = 1; n <= 64; n++) {
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

    /** XOR's timestamp buckets (see {@link XorAppender}), so both chunk kinds spend the same on time. */
    private static void writeTimeDeltaOfDelta(BitWriter out, long dod) {
        int n = length(dod);
        if (n == 0) {
            out.writeBit(false);
        } else if (n <= 7) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 7);
        } else if (n <= 14) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 14);
        } else if (n <= 20) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    private static void writeVarint(BitWriter out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7fL) != 0) {
            out.writeBits((zigzag & 0x7f) | 0x80, 8);
            zigzag >>>= 7;
        }
        out.writeBits(zigzag, 8);
    }
}
