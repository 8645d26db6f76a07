package io.sightline.storage.traces;

import java.io.IOException;

import io.sightline.storage.background.BackgroundThreads;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;

/**
 * How trace partitions merge segments: like the log partitions (append-only, a small segment per
 * refresh), more segments per tier than Lucene's default so the same bytes are rewritten less often,
 * and merges at background priority, behind the receivers.
 */
final class TraceMerging {
    /** Segments per tier before a merge (Lucene's default is 10). */
    private static final double SEGMENTS_PER_TIER = 20;
    /** Segments smaller than this count as this large, so tiny refresh segments merge together early. */
    private static final double FLOOR_SEGMENT_MB = 8;

    private TraceMerging() {
    }

    static MergePolicy policy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setSegmentsPerTier(SEGMENTS_PER_TIER);
        policy.setFloorSegmentMB(FLOOR_SEGMENT_MB);
        return policy;
    }

    static MergeScheduler scheduler() {
        return new ConcurrentMergeScheduler() {
            @Override
            protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
                BackgroundThreads.lowerCurrentThreadPriority();
                super.doMerge(mergeSource, merge);
            }
        };
    }
}
