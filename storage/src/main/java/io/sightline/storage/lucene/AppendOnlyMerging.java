package io.sightline.storage.lucene;

import java.io.IOException;

import io.sightline.storage.background.BackgroundThreads;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;

/**
 * How the day-partitioned indexes (logs, traces) merge segments. Their data is append-only and
 * time-ordered, and every refresh flushes a small segment, so the default policy would rewrite the
 * same bytes many times; allowing more segments per tier trades a little search speed for far less
 * merge work. Merges run at background priority, behind the receivers.
 */
public final class AppendOnlyMerging {
    /** Segments per tier before a merge (Lucene's default is 10). */
    private static final double SEGMENTS_PER_TIER = 20;
    /** Segments smaller than this count as this large, so tiny refresh segments merge together early. */
    private static final double FLOOR_SEGMENT_MB = 8;

    private AppendOnlyMerging() {
    }

    /** A new policy for one writer (it holds that writer's settle request). */
    public static SettlingMergePolicy policy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setSegmentsPerTier(SEGMENTS_PER_TIER);
        policy.setFloorSegmentMB(FLOOR_SEGMENT_MB);
        return new SettlingMergePolicy(policy);
    }

    /**
     * Waits until {@code writer} runs and plans no merge (measurements and tests; the stores never
     * wait). Needs the {@link ConcurrentMergeScheduler} of {@link #scheduler()}.
     */
    public static void awaitMerges(IndexWriter writer) {
        ConcurrentMergeScheduler scheduler = (ConcurrentMergeScheduler) writer.getConfig().getMergeScheduler();
        do {
            scheduler.sync();
        } while (writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty());
    }

    public static MergeScheduler scheduler() {
        return new ConcurrentMergeScheduler() {
            @Override
            protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
                BackgroundThreads.lowerCurrentThreadPriority();
                super.doMerge(mergeSource, merge);
            }
        };
    }
}
