package io.sightline.storage.logs;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.storage.background.BackgroundThreads;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * Indexing threads, and the bookkeeping of which WAL entries are wholly indexed.
 *
 * <p>Entries are submitted in WAL order by the applier thread and finish in any order. The
 * <em>watermark</em> is the highest index at and below which every entry has finished: what a commit
 * may record as durable. When the threads are all busy the applier indexes the task itself
 * (caller-runs), which keeps both cores busy and bounds the queue. A failed task pins the
 * watermark, so nothing after it is ever recorded as durable, and marks the store unhealthy.
 */
final class LogIndexers implements Closeable {
    private static final Logger LOG = Logger.getLogger(LogIndexers.class.getName());

    private final ThreadPoolExecutor pool;
    /** Entries with tasks still running, by index: the previous submitted index and tasks left. */
    private final TreeMap<Long, long[]> pending = new TreeMap<>();
    private long lastSubmitted;
    private boolean indexedSinceCommit;
    private volatile Throwable failure;

    LogIndexers(int threads, long startIndex) {
        this.lastSubmitted = startIndex;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4),
                BackgroundThreads.factory("log-indexer"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Runs the tasks of WAL entry {@code walIndex} (maybe none); called in WAL order by one thread. */
    void submit(long walIndex, List<Runnable> tasks) {
        synchronized (this) {
            long previous = lastSubmitted;
            lastSubmitted = walIndex;
            if (tasks.isEmpty()) {
                return;
            }
            pending.put(walIndex, new long[] {previous, tasks.size()});
            indexedSinceCommit = true;
        }
        for (Runnable task : tasks) {
            pool.execute(() -> run(walIndex, task));
        }
    }

    /** The index that the entry after it would follow: the last submitted one. */
    synchronized long previousSubmitted(long walIndex) {
        return Math.min(lastSubmitted, walIndex - 1);
    }

    /** The highest index at and below which every submitted entry is wholly indexed. */
    synchronized long completedWatermark() {
        Map.Entry<Long, long[]> first = pending.firstEntry();
        return first == null ? lastSubmitted : first.getValue()[0];
    }

    /**
     * Waits until every entry submitted before this call is indexed (or indexing failed). Bounded:
     * entries submitted meanwhile are not waited for.
     */
    synchronized void awaitSubmitted() {
        long target = lastSubmitted;
        try {
            while (failure == null && completedWatermark() < target) {
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean indexedSinceLastCommit() {
        return indexedSinceCommit;
    }

    synchronized void markCommitted() {
        indexedSinceCommit = false;
    }

    Throwable failure() {
        return failure;
    }

    /** Throws when an earlier write failed: nothing more is accepted until a restart. */
    void checkHealthy() {
        Throwable failed = failure;
        if (failed != null) {
            throw new IllegalStateException("log store stopped indexing after a write failed: " + failed, failed);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warning("log indexers still busy after 60 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(long walIndex, Runnable task) {
        try {
            task.run();
        } catch (AlreadyClosedException e) {
            // The partition was deleted by retention while its records were being indexed.
            LOG.fine(() -> "dropped records of WAL entry " + walIndex + " for a deleted partition");
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                failure = e;
                LOG.log(Level.SEVERE, "indexing WAL entry " + walIndex + " failed; the log store stops here", e);
            }
            return; // the entry stays pending: the watermark never passes it
        }
        synchronized (this) {
            long[] entry = pending.get(walIndex);
            if (--entry[1] == 0) {
                pending.remove(walIndex);
                notifyAll();
            }
        }
    }
}
