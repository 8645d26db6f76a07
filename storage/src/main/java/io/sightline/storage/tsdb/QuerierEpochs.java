package io.sightline.storage.tsdb;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells when every querier opened before a moment has closed, so the head may drop chunks that
 * a new block now holds: a querier opened before the block was published may still read them from
 * the head (it does not know the block). A querier registers in the current epoch; publishing a
 * block starts a new epoch; the old epoch's chunks may go once its count reaches zero. A querier
 * that reads the old epoch just as it ends still sees the block, which was published first.
 * Thread-safe.
 */
final class QuerierEpochs {
    private volatile Epoch current = new Epoch();

    Epoch enter() {
        Epoch epoch = current;
        epoch.open.incrementAndGet();
        return epoch;
    }

    /** Starts a new epoch and returns the one that ended. */
    Epoch advance() {
        Epoch ended = current;
        current = new Epoch();
        return ended;
    }

    static final class Epoch {
        private final AtomicInteger open = new AtomicInteger();

        void exit() {
            open.decrementAndGet();
        }

        boolean drained() {
            return open.get() == 0;
        }
    }
}
