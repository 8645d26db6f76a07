package io.sightline.appliance.alerting;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.storage.tsdb.Labels;

/**
 * What rules compute, written as any sample is: through the metrics WAL (durable, admitted like
 * remote_write), then applied to the TSDB. A write returns once the TSDB has it, because the next rule
 * of the group may read it at the same evaluation time, as in Prometheus, where each rule's appender
 * commits before the next rule runs. Called by one group's evaluation thread at a time per group.
 */
public final class WalRecordedSamples implements RecordedSamples {
    private static final Logger LOG = Logger.getLogger(WalRecordedSamples.class.getName());
    private static final long APPLY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SampleWriter writer;
    private final LongSupplier appliedIndex;
    private final Duration applyTimeout;

    /**
     * @param appliedIndex the metrics applier's applied WAL index
     * @param applyTimeout how long a write waits for the TSDB to have it before the evaluation goes on
     */
    public WalRecordedSamples(SampleWriter writer, LongSupplier appliedIndex, Duration applyTimeout) {
        this.writer = writer;
        this.appliedIndex = appliedIndex;
        this.applyTimeout = applyTimeout;
    }

    @Override
    public void write(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        SampleBatch batch = new SampleBatch();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            batch.beginSeries(i);
            Labels labels = sample.labels();
            for (int l = 0; l < labels.size(); l++) {
                batch.label(labels.name(l), labels.value(l));
            }
            batch.sample(sample.timeMs(), sample.value());
        }
        SampleRejections rejections = new SampleRejections();
        try {
            long index = writer.write(batch, rejections).walIndex().get(applyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitApplied(index);
        } catch (TimeoutException e) {
            LOG.warning("rule results not durable within " + applyTimeout + "; the next evaluation writes again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            LOG.warning("rule results not written to the metrics WAL: " + e);
        }
        if (rejections.samples() > 0) {
            LOG.warning("metrics admission refused " + rejections.samples() + " rule sample(s): " + rejections.message());
        }
    }

    private void awaitApplied(long index) {
        long deadline = System.nanoTime() + applyTimeout.toNanos();
        while (appliedIndex.getAsLong() < index) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warning("rule results not in the TSDB within " + applyTimeout + " (the metrics applier lags)");
                return;
            }
            LockSupport.parkNanos(APPLY_POLL_NANOS);
        }
    }
}
