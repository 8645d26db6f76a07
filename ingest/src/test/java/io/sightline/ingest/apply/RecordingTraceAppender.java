package io.sightline.ingest.apply;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceAppender;

/**
 * A TraceAppender that records the spans it is given and counts itself durable up to the last
 * entry; entries at or below that are skipped, as the contract says. Test scope only: the real trace
 * store is wired by the appliance.
 */
final class RecordingTraceAppender implements TraceAppender {
    final List<SpanRecord> spans = new CopyOnWriteArrayList<>();
    final List<Long> entries = new CopyOnWriteArrayList<>();
    private volatile long durable;

    RecordingTraceAppender(long durableIndex) {
        this.durable = durableIndex;
    }

    @Override
    public void append(long walIndex, List<SpanRecord> batch) {
        if (walIndex <= durable) {
            return;
        }
        spans.addAll(batch);
        entries.add(walIndex);
        durable = walIndex;
    }

    @Override
    public long durableWalIndex() {
        return durable;
    }
}
