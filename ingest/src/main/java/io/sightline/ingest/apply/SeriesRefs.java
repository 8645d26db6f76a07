package io.sightline.ingest.apply;

import java.util.HashMap;
import java.util.Map;

import io.sightline.ingest.prometheus.ByteKey;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.storage.tsdb.SeriesAppender;

/**
 * The TSDB's reference for each series the metrics applier has seen, keyed by the series' label
 * block as it stands in sample batches. Holding a reference rather than a {@code Labels} keeps the
 * applier from duplicating the head's label strings (hundreds of bytes a series), and a reference
 * append skips the head's label-set look-up. Used by the applier thread only.
 */
final class SeriesRefs {
    /** Bounds the map for churning series; cleared when reached, then refilled as series recur. */
    private static final int LIMIT = 1 << 20;

    private final SeriesAppender appender;
    private final Map<ByteKey, Long> refs = new HashMap<>();
    private final ByteKey probe = new ByteKey();

    SeriesRefs(SeriesAppender appender) {
        this.appender = appender;
    }

    /**
     * The reference of the series whose label block is {@code bytes[offset, offset + length)}, or
     * {@link SeriesAppender#NO_REF} when the appender has no fast path.
     *
     * @throws io.sightline.storage.tsdb.SampleRejectedException when a new series would break a limit
     */
    long resolve(byte[] bytes, int offset, int length) {
        Long ref = refs.get(probe.wrap(bytes, offset, length));
        return ref != null ? ref : refresh(bytes, offset, length);
    }

    /** Asks the appender again (the series went idle and was dropped from memory since). */
    long refresh(byte[] bytes, int offset, int length) {
        long ref = appender.seriesRef(LabelBlock.toLabels(bytes, offset, length));
        if (ref != SeriesAppender.NO_REF) {
            if (refs.size() >= LIMIT) {
                refs.clear();
            }
            refs.put(ByteKey.copyOf(bytes, offset, length), ref);
        }
        return ref;
    }
}
