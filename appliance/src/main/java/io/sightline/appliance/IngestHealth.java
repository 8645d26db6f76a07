package io.sightline.appliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;
import io.sightline.ui.ApplianceStatus.SignalHealth;

/**
 * Ingest health per signal for the overview: items accepted per second over the last minute (from
 * the receivers' accepted counters, sampled by {@link #sample()} every few seconds on the
 * maintenance thread), the WAL's lag (entries its slowest consumer has not applied) and the
 * signal's bytes on disk (its WAL plus its store). Thread-safe: samples are taken and read under
 * this object's lock.
 */
final class IngestHealth {
    /** The window items/s is averaged over, nanoseconds. */
    static final long WINDOW_NANOS = 60_000_000_000L;
    /** How often {@link #sample()} should run, ms. */
    static final long SAMPLE_INTERVAL_MS = 5_000;
    private static final List<Signal> ORDER = List.of(Signal.METRICS, Signal.LOGS, Signal.TRACES);

    private record Reading(long nanos, long[] accepted) {
    }

    private final Map<Signal, WriteAheadLog> wals;
    private final ToLongFunction<Signal> accepted;
    private final ToLongFunction<Signal> storeBytes;
    private final LongSupplier nanoTime;
    private final Deque<Reading> readings = new ArrayDeque<>();

    /**
     * @param accepted   items of a signal accepted since start
     * @param storeBytes bytes of a signal's store on disk (without its WAL)
     * @param nanoTime   a monotonic clock (System::nanoTime)
     */
    IngestHealth(Map<Signal, WriteAheadLog> wals, ToLongFunction<Signal> accepted, ToLongFunction<Signal> storeBytes,
                 LongSupplier nanoTime) {
        this.wals = wals;
        this.accepted = accepted;
        this.storeBytes = storeBytes;
        this.nanoTime = nanoTime;
        sample();
    }

    /** Records the accepted totals now and forgets readings no longer needed for the window. */
    synchronized void sample() {
        Reading now = read();
        readings.addLast(now);
        // Keep the newest reading at or before the window's start, so the rate spans the whole window.
        while (readings.size() > 2 && now.nanos() - readings.stream().skip(1).findFirst().orElseThrow().nanos() >= WINDOW_NANOS) {
            readings.removeFirst();
        }
    }

    /** Metrics, logs and traces, in that order. */
    synchronized List<SignalHealth> health() {
        Reading now = read();
        Reading oldest = readings.peekFirst();
        for (Reading reading : readings) {
            if (now.nanos() - reading.nanos() <= WINDOW_NANOS) {
                break;
            }
            oldest = reading;
        }
        List<SignalHealth> out = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            Signal signal = ORDER.get(i);
            double seconds = oldest == null ? 0 : (now.nanos() - oldest.nanos()) / 1e9;
            double rate = seconds < 1 ? 0 : (now.accepted()[i] - oldest.accepted()[i]) / seconds;
            WriteAheadLog wal = wals.get(signal);
            long lag = wal == null ? 0 : wal.consumerLags().values().stream().mapToLong(Long::longValue).max().orElse(0);
            long disk = (wal == null ? 0 : wal.sizeBytes()) + storeBytes.applyAsLong(signal);
            out.add(new SignalHealth(signal.walName(), rate, lag, disk));
        }
        return out;
    }

    private Reading read() {
        long[] totals = new long[ORDER.size()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = accepted.applyAsLong(ORDER.get(i));
        }
        return new Reading(nanoTime.getAsLong(), totals);
    }
}
