package io.sightline.storage.tsdb.chunk;

/** Reads bits, most significant first, from a byte array. Not thread-safe. */
final class BitReader {
    private final byte[] bytes;
    private long position;

    BitReader(byte[] bytes, long startBit) {
        this.bytes = bytes;
        this.position = startBit;
    }

    boolean readBit() {
        boolean bit = (bytes[(int) (position >>> 3)] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    /** Reads {@code n} bits, 0 <= n <= 64, as an unsigned value. */
    long readBits(int n) {
        long value = 0;
        while (n > 0) {
            int index = (int) (position >>> 3);
            int available = 8 - (int) (position & 7);
            int take = Math.min(available, n);
            int chunk = ((bytes[index] & 0xff) >>> (available - take)) & ((1 << take) - 1);
            value = (value << take) | chunk;
            n -= take;
            position += take;
        }
        return value;
    }
}
