package io.sightline.ingest.prometheus;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.sightline.storage.wal.WriteAheadLog;

/**
 * The one way samples reach the metrics WAL: admits a {@link SampleBatch} ({@link SeriesAdmission})
 * and hands the resulting entry to the WAL under one lock, so entries are written in the order
 * admission judged them and the store never sees a sample older than one admitted before it. The
 * OTLP receivers and the remote_write receiver share one instance (one series space).
 * Thread-safe.
 */
public final class SampleWriter {
    private final WriteAheadLog wal;
    private final InstantSource clock;
    private final SeriesAdmission admission;

    /**
     * @param wal    the "metrics" WAL (not closed here)
     * @param config admission rules and limits
     * @param clock  the wall clock, for idle-series eviction and metadata refresh
     */
    public SampleWriter(WriteAheadLog wal, AdmissionConfig config, InstantSource clock) {
        this.wal = Objects.requireNonNull(wal, "wal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admission = new SeriesAdmission(Objects.requireNonNull(config, "config"), clock.millis());
    }

    /**
     * Admits {@code batch} and appends what is accepted. Rejections land in {@code rejections}.
     * The WAL append is only started here; the returned future says when it is durable.
     */
    public Written write(SampleBatch batch, SampleRejections rejections) {
        synchronized (admission) {
            byte[] entry = admission.admit(batch, rejections, clock.millis());
            long accepted = admission.acceptedSamples();
            if (entry == null) {
                return new Written(accepted, CompletableFuture.completedFuture(-1L));
            }
            // append() only enqueues for the WAL's writer thread, in call order: doing it under the
            // lock keeps WAL order equal to admission order.
            return new Written(accepted, wal.append(entry));
        }
    }

    /** Series admission currently tracks. */
    public int activeSeries() {
        synchronized (admission) {
            return admission.seriesCount();
        }
    }

    /**
     * What {@link #write} did.
     *
     * @param acceptedSamples samples in the entry (ignored duplicates not counted)
     * @param walIndex        completes with the entry's WAL index once durable; -1 when nothing needed writing
     */
    public record Written(long acceptedSamples, CompletableFuture<Long> walIndex) {
    }
}
