package io.sightline.appliance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.sightline.ingest.Backpressure;
import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Backpressure from the state of storage: a signal is refused while a consumer of its WAL lags more
 * than {@code ingest.max-wal-lag} entries (429, retry soon) or the data directory has less than
 * {@code ingest.min-free-disk} free (503). {@link #update()} reads the figures on a schedule;
 * {@link #check} only reads the cached verdict, so it costs nothing on the request path.
 */
final class StoragePressure implements Backpressure {
    private static final Duration LAG_RETRY = Duration.ofSeconds(1);
    private static final Duration DISK_RETRY = Duration.ofSeconds(30);

    private final Map<Signal, WriteAheadLog> wals;
    private final long maxLag;
    private final long minFreeBytes;
    private final LongSupplier freeBytes;
    private final Map<Signal, Optional<Overload>> verdicts = new EnumMap<>(Signal.class);

    StoragePressure(Map<Signal, WriteAheadLog> wals, long maxLag, long minFreeBytes, LongSupplier freeBytes) {
        this.wals = wals;
        this.maxLag = maxLag;
        this.minFreeBytes = minFreeBytes;
        this.freeBytes = freeBytes;
        for (Signal signal : Signal.values()) {
            verdicts.put(signal, Optional.empty());
        }
    }

    @Override
    public Optional<Overload> check(Signal signal) {
        synchronized (verdicts) {
            return verdicts.get(signal);
        }
    }

    /** Re-reads lags and free space; called every few hundred milliseconds. */
    void update() {
        long free = freeBytes.getAsLong();
        Map<Signal, Optional<Overload>> next = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            next.put(signal, verdict(signal, free));
        }
        synchronized (verdicts) {
            verdicts.putAll(next);
        }
    }

    private Optional<Overload> verdict(Signal signal, long free) {
        if (free < minFreeBytes) {
            return Optional.of(new Overload(Overload.Kind.DISK_FULL, DISK_RETRY, "the data directory has only "
                    + free + " bytes free, below ingest.min-free-disk (" + minFreeBytes + ")"));
        }
        for (Map.Entry<String, Long> lag : wals.get(signal).consumerLags().entrySet()) {
            if (lag.getValue() > maxLag) {
                return Optional.of(new Overload(Overload.Kind.LAGGING, LAG_RETRY, signal.walName() + " WAL consumer '"
                        + lag.getKey() + "' is " + lag.getValue() + " entries behind, more than ingest.max-wal-lag ("
                        + maxLag + ")"));
            }
        }
        return Optional.empty();
    }
}
