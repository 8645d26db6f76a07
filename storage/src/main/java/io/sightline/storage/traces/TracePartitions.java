package io.sightline.storage.traces;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The open day partitions, and the lock that keeps retention from closing one under a reader:
 * readers share it, deleting a partition takes it alone. Thread-safe.
 */
final class TracePartitions {
    static final long DAY_NANOS = 86_400_000_000_000L;

    private final NavigableMap<LocalDate, TracePartition> byDay = new ConcurrentSkipListMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    NavigableMap<LocalDate, TracePartition> byDay() {
        return byDay;
    }

    /**
     * Runs {@code action} on the partitions of the days {@code first} to {@code last} (inclusive, in
     * day order) while retention cannot close them.
     */
    <T> T read(LocalDate first, LocalDate last, Function<List<TracePartition>, T> action) {
        lock.readLock().lock();
        try {
            return action.apply(first.isAfter(last) ? List.of()
                    : new ArrayList<>(byDay.subMap(first, true, last, true).values()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} on the partitions a range [start, end) of Unix ns touches. */
    <T> T readRange(long startNanos, long endNanos, Function<List<TracePartition>, T> action) {
        if (endNanos <= startNanos) {
            return action.apply(List.of());
        }
        return read(dayOf(startNanos), dayOf(endNanos - 1), action);
    }

    /** Runs {@code action} while no reader is under way (retention closing a partition). */
    void exclusively(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    static LocalDate dayOf(long timeNanos) {
        return LocalDate.ofEpochDay(Math.floorDiv(timeNanos, DAY_NANOS));
    }

    static long startOf(LocalDate day) {
        return day.toEpochDay() * DAY_NANOS;
    }
}
