package io.sightline.storage.tsdb;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which WAL entries the head still needs, so a restart replays exactly what is not in a block.
 * Samples are grouped by block window (the time ranges cut into blocks); for each window still in
 * the head it keeps the last WAL index committed before the first entry that wrote into it. The
 * durable index is the smallest of these, or the last commit when the head holds nothing
 * unpersisted: replaying from the next entry loses nothing, and doubles nothing because samples
 * already in blocks are dropped on replay. Not thread-safe: guarded by the head's append lock.
 */
final class WalWatermark {
    private final Map<Long, Long> replayFromByWindow = new TreeMap<>();
    private long lastCommitted;
    /** Windows written since the last commit; almost always one. */
    private long[] touched = new long[4];
    private int touchedCount;

    WalWatermark(long lastCommitted) {
        this.lastCommitted = lastCommitted;
    }

    /** A sample was stored in the head in the window starting at {@code window}. */
    void touched(long window) {
        if (touchedCount > 0 && touched[touchedCount - 1] == window) {
            return;
        }
        for (int i = 0; i < touchedCount; i++) {
            if (touched[i] == window) {
                return;
            }
        }
        if (touchedCount == touched.length) {
            touched = java.util.Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = window;
    }

    /** Everything of WAL entries up to {@code walIndex} was appended. */
    void commit(long walIndex) {
        for (int i = 0; i < touchedCount; i++) {
            replayFromByWindow.merge(touched[i], lastCommitted, Math::min);
        }
        touchedCount = 0;
        lastCommitted = Math.max(lastCommitted, walIndex);
    }

    /** The window starting at {@code window} is in a block now. */
    void persisted(long window) {
        replayFromByWindow.remove(window);
        for (int i = 0; i < touchedCount; i++) {
            if (touched[i] == window) {
                touched[i] = touched[--touchedCount];
                break;
            }
        }
    }

    long durable() {
        return durableWithout(Long.MIN_VALUE);
    }

    /** The durable index as it will be once the window starting at {@code window} is in a block. */
    long durableWithout(long window) {
        long durable = lastCommitted;
        for (Map.Entry<Long, Long> entry : replayFromByWindow.entrySet()) {
            if (entry.getKey() != window) {
                durable = Math.min(durable, entry.getValue());
            }
        }
        return durable;
    }
}
