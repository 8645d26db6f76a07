package io.sightline.storage.tsdb;

import java.util.List;

/**
 * Merges the iterators of one series from several sources (blocks and the head) by time; where
 * several hold a sample at the same time, the first source's wins and the others are skipped, so a
 * sample persisted twice (a block and the head during a cut) is returned once. Not thread-safe.
 */
final class MergedIterator implements SampleIterator {
    private final SampleIterator[] sources;
    /** Whether each source is positioned on a sample not yet returned. */
    private final boolean[] ready;
    private boolean started;
    private int current = -1;

    MergedIterator(List<SampleIterator> sources) {
        this.sources = sources.toArray(new SampleIterator[0]);
        this.ready = new boolean[this.sources.length];
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < sources.length; i++) {
                ready[i] = sources[i].next();
            }
        } else if (current >= 0) {
            long t = sources[current].timestamp();
            for (int i = 0; i < sources.length; i++) {
                if (ready[i] && sources[i].timestamp() == t) {
                    ready[i] = sources[i].next();
                }
            }
        } else {
            return false;
        }
        return pick();
    }

    @Override
    public boolean seek(long timestampMs) {
        if (started && current >= 0 && sources[current].timestamp() >= timestampMs) {
            return true;
        }
        if (started && current < 0) {
            return false;
        }
        started = true;
        for (int i = 0; i < sources.length; i++) {
            ready[i] = sources[i].seek(timestampMs);
        }
        return pick();
    }

    private boolean pick() {
        current = -1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < sources.length; i++) {
            if (ready[i] && (current < 0 || sources[i].timestamp() < best)) {
                best = sources[i].timestamp();
                current = i;
            }
        }
        return current >= 0;
    }

    @Override
    public long timestamp() {
        return sources[current].timestamp();
    }

    @Override
    public double value() {
        return sources[current].value();
    }
}
