package io.sightline.storage.tsdb.chunk;

/**
 * Chooses the encoding of a chunk of a persisted block: an {@link IntChunk} when every value is a
 * (scaled) integer that round-trips exactly and that chunk is not larger than the XOR one,
 * otherwise a {@link XorChunk}. Block writing re-encodes every series anyway (longer chunks than
 * the head's), so trying both costs one more encode of samples already in hand. Stateless.
 */
public final class BlockChunkEncoder {
    private BlockChunkEncoder() {
    }

    /**
     * The smaller of the chunks that can hold the samples exactly.
     *
     * @param times strictly increasing, Unix ms
     * @param count 1..{@link XorChunk#MAX_SAMPLES} samples taken from the arrays' start
     */
    public static Chunk encode(long[] times, double[] values, int count) {
        XorAppender xor = new XorAppender(count);
        for (int i = 0; i < count; i++) {
            xor.append(times[i], values[i]);
        }
        XorChunk xorChunk = xor.seal();
        IntChunk intChunk = IntChunkEncoder.encode(times, values, count);
        return intChunk != null && intChunk.bytes().length <= xorChunk.bytes().length ? intChunk : xorChunk;
    }
}
