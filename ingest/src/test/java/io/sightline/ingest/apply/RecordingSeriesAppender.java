package io.sightline.ingest.apply;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.SampleRejectedException;
import io.sightline.storage.tsdb.SeriesAppender;

/**
 * A SeriesAppender that records what it is given ("labels t=v"), refuses samples older than a
 * series' newest as the TSDB would, and is "durable" up to its last commit. Test scope only; the
 * real TSDB gets an integration test when it lands.
 */
final class RecordingSeriesAppender implements SeriesAppender {
    final List<String> samples = new CopyOnWriteArrayList<>();
    final List<String> exemplars = new CopyOnWriteArrayList<>();
    final List<MetricMetadata> metadata = new CopyOnWriteArrayList<>();
    private final Map<Labels, Long> newest = new ConcurrentHashMap<>();
    private volatile long committed;

    RecordingSeriesAppender(long durableIndex) {
        this.committed = durableIndex;
    }

    @Override
    public void append(Labels labels, long timestampMs, double value) {
        Long previous = newest.get(labels);
        if (previous != null && timestampMs < previous) {
            throw new SampleRejectedException(SampleRejectedException.Reason.OUT_OF_ORDER,
                    "out of order sample for " + labels + " at " + timestampMs);
        }
        newest.put(labels, timestampMs);
        samples.add(labels + " " + timestampMs + "=" + value);
    }

    @Override
    public void appendExemplar(Labels series, Exemplar exemplar) {
        exemplars.add(series + " " + exemplar.labels() + " " + exemplar.timestampMs() + "=" + exemplar.value());
    }

    @Override
    public void updateMetadata(MetricMetadata family) {
        metadata.add(family);
    }

    @Override
    public void commit(long walIndex) {
        committed = walIndex;
    }

    @Override
    public long durableWalIndex() {
        return committed;
    }
}
