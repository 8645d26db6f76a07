package io.sightline.appliance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;
import io.sightline.ui.ApplianceStatus.WalConsumer;

/**
 * Every WAL consumer with its lag in entries (from the WAL) and in seconds, estimated: the WAL keeps
 * no time per entry, so the seconds are the lag in entries over the WAL's append rate since the
 * previous reading ({@code entries ÷ entries/s}), 0 when caught up and -1 (unknown) on the first
 * reading or when nothing was appended in between. Thread-safe.
 */
final class WalLags {
    /** Readings closer together than this keep the older rate: a page reload is no rate sample. */
    private static final long MIN_SAMPLE_NANOS = 1_000_000_000L;

    private final Map<Signal, WriteAheadLog> wals;
    private final LongSupplier nanoTime;
    private final Map<Signal, Rate> rates = new EnumMap<>(Signal.class);

    WalLags(Map<Signal, WriteAheadLog> wals, LongSupplier nanoTime) {
        this.wals = wals;
        this.nanoTime = nanoTime;
    }

    synchronized List<WalConsumer> consumers() {
        List<WalConsumer> out = new ArrayList<>();
        long now = nanoTime.getAsLong();
        wals.forEach((signal, wal) -> {
            double perSecond = rates.computeIfAbsent(signal, s -> new Rate()).read(wal.appendedEntries(), now);
            wal.consumerLags().forEach((consumer, lag) ->
                    out.add(new WalConsumer(signal.walName(), consumer, lag, seconds(lag, perSecond))));
        });
        return out;
    }

    static double seconds(long lagEntries, double appendsPerSecond) {
        if (lagEntries == 0) {
            return 0;
        }
        return appendsPerSecond > 0 ? lagEntries / appendsPerSecond : -1;
    }

    /** A WAL's append rate between two readings at least {@link #MIN_SAMPLE_NANOS} apart. */
    private static final class Rate {
        private long entries = -1;
        private long atNanos;
        private double perSecond = -1;

        double read(long appended, long now) {
            if (entries < 0) {
                entries = appended;
                atNanos = now;
            } else if (now - atNanos >= MIN_SAMPLE_NANOS) {
                perSecond = (appended - entries) * 1e9 / (now - atNanos);
                entries = appended;
                atNanos = now;
            }
            return perSecond;
        }
    }
}
