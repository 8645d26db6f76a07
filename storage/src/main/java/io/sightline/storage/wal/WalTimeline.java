package io.sightline.storage.wal;

import java.util.Arrays;

/**
 * When, and after how many payload bytes, entries were written: points of (last index of a written
 * group, time, bytes written so far) recorded by the writer thread. Chronicle keeps no time or
 * running size per entry; exporters need both to report their lag in seconds and to bound their
 * backlog by age and size.
 *
 * <p>A point is recorded at most every {@code spacing} ms (closer writes move the newest point on),
 * so an entry's time is known to within that spacing. When the points fill their arrays, every
 * other one is dropped and the spacing doubles: the whole run since the log was opened stays
 * covered with memory fixed at {@value #CAPACITY} points, older entries more coarsely.
 *
 * <p>Thread-safe (one writer records, any thread reads; all under this object's lock).
 */
final class WalTimeline {
    static final int CAPACITY = 8_192;
    private static final long INITIAL_SPACING_MILLIS = 250;

    private final long[] indexes = new long[CAPACITY];
    private final long[] millis = new long[CAPACITY];
    private final long[] bytes = new long[CAPACITY];
    private final java.util.function.BiPredicate<Long, Long> sameCycle;
    private int size;
    private long spacingMillis = INITIAL_SPACING_MILLIS;

    /** @param sameCycle whether two indexes are in one cycle file (so numbered consecutively) */
    WalTimeline(java.util.function.BiPredicate<Long, Long> sameCycle) {
        this.sameCycle = sameCycle;
    }

    /**
     * Records that every entry up to {@code lastIndex} was written by {@code nowMillis}, {@code totalBytes} in
     * all. The first call describes the log as opened (its last entry then, 0 bytes).
     */
    synchronized void record(long lastIndex, long nowMillis, long totalBytes) {
        if (size >= 2 && nowMillis - millis[size - 2] < spacingMillis) {
            set(size - 1, lastIndex, nowMillis, totalBytes);
            return;
        }
        if (size == CAPACITY) {
            // The first point (the log as opened) stays: it separates described entries from older ones.
            thin();
        }
        set(size++, lastIndex, nowMillis, totalBytes);
    }

    /**
     * The time by which the entry at {@code index} had been written (at most one spacing after it
     * was, unless the log was idle in between), or -1 when it is at or before the first point (the
     * log's last entry when it was opened: older entries are not described), or
     * {@link Long#MAX_VALUE} when it is newer than every point.
     */
    synchronized long writtenByMillis(long index) {
        int at = firstAtOrAfter(index);
        if (at < 0) {
            return -1;
        }
        return at == size ? Long.MAX_VALUE : millis[at];
    }

    /**
     * Payload bytes written after the entry at {@code index}, to within one point's span, or -1
     * when the entry is at or before the first point.
     */
    synchronized long bytesAfter(long index) {
        int at = firstAtOrAfter(index);
        if (at < 0 || size == 0) {
            return -1;
        }
        if (at == size) {
            return 0;
        }
        long after = bytes[size - 1] - bytes[at];
        // The entries between the previous point and this one share its bytes; within one cycle
        // Chronicle numbers entries consecutively, so the share after index is proportional.
        long span = indexes[at] - indexes[at - 1];
        if (index < indexes[at] && sameCycle.test(indexes[at - 1] + 1, indexes[at])) {
            after += (bytes[at] - bytes[at - 1]) * (indexes[at] - index) / span;
        }
        return after;
    }

    synchronized long spacingMillis() {
        return spacingMillis;
    }

    /** The first point whose index is >= {@code index}; -1 if {@code index} is before the first; size if after all. */
    private int firstAtOrAfter(long index) {
        if (size == 0) {
            return -1;
        }
        if (index <= indexes[0]) {
            return -1;
        }
        int found = Arrays.binarySearch(indexes, 0, size, index);
        return found >= 0 ? found : -found - 1;
    }

    private void thin() {
        int kept = 1;
        for (int i = 2; i < size; i += 2) {
            set(kept++, indexes[i], millis[i], bytes[i]);
        }
        size = kept;
        spacingMillis *= 2;
    }

    private void set(int at, long index, long time, long total) {
        indexes[at] = index;
        millis[at] = time;
        bytes[at] = total;
    }
}
