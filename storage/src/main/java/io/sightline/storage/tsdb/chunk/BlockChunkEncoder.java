package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * Chooses the encoding of a sealed chunk: an {@link IntChunk} when every value is a (scaled)
 * integer that round-trips exactly and that chunk is not larger than the XOR one, otherwise a
 * {@link XorChunk}. Block writing re-encodes every series anyway (longer chunks than the head's),
 * so trying both costs one more encode of samples already in hand; the head re-encodes the chunks
 * it sealed ({@link #smaller(XorChunk)}, on the compaction thread), so sealed head chunks of
 * counters take about half the heap. Stateless.
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

    /**
     * The chunk itself, or an integer chunk of the same samples when that is smaller: what the head
     * keeps of a chunk it sealed. Decodes the XOR chunk once (cheap next to the integer encode,
     * which non-integer values leave after a few samples).
     */
    public static Chunk smaller(XorChunk xor) {
        int count = xor.sampleCount();
        if (count == 0) {
            return xor;
        }
        long[] times = new long[count];
        double[] values = new double[count];
        SampleIterator it = xor.iterator();
        for (int i = 0; i < count && it.next(); i++) {
            times[i] = it.timestamp();
            values[i] = it.value();
        }
        IntChunk intChunk = IntChunkEncoder.encode(times, values, count);
        return intChunk != null && intChunk.bytes().length < xor.bytes().length ? intChunk : xor;
    }
}
