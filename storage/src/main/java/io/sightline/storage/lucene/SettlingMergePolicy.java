package io.sightline.storage.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;

/**
 * The partitions' merge policy with one addition: on request, the next merge search also merges every
 * segment a flush wrote into one. Flushed segments keep their stored fields LZ4-compressed and their
 * own small term dictionaries ({@link MergeCompressingCodec}); with {@link AppendOnlyMerging}'s wide
 * tiers up to about twenty of them wait for a natural merge, which a partition that stopped
 * receiving (yesterday's, or every one after a burst) may never get. Merged, the same records take
 * about a third less disk. The store asks for it when a partition went a whole commit interval
 * without a record, then calls {@link IndexWriter#maybeMerge()}.
 */
public final class SettlingMergePolicy extends FilterMergePolicy {
    private final AtomicBoolean settleRequested = new AtomicBoolean();

    public SettlingMergePolicy(MergePolicy natural) {
        super(natural);
    }

    /** Makes the next {@link #findMerges} also merge the flushed segments not being merged. */
    public void requestSettle() {
        settleRequested.set(true);
    }

    @Override
    public MergeSpecification findMerges(MergeTrigger trigger, SegmentInfos segments, MergeContext context)
            throws IOException {
        MergeSpecification natural = super.findMerges(trigger, segments, context);
        if (!settleRequested.getAndSet(false)) {
            return natural;
        }
        Set<SegmentCommitInfo> taken = new HashSet<>(context.getMergingSegments());
        if (natural != null) {
            for (OneMerge merge : natural.merges) {
                taken.addAll(merge.segments);
            }
        }
        List<SegmentCommitInfo> flushed = new ArrayList<>();
        for (SegmentCommitInfo segment : segments) {
            if (!taken.contains(segment) && writtenByFlush(segment)) {
                flushed.add(segment);
            }
        }
        if (flushed.isEmpty()) {
            return natural;
        }
        MergeSpecification merges = natural != null ? natural : new MergeSpecification();
        merges.add(new OneMerge(flushed));
        return merges;
    }

    static boolean writtenByFlush(SegmentCommitInfo segment) {
        return IndexWriter.SOURCE_FLUSH.equals(segment.info.getDiagnostics().get(IndexWriter.SOURCE));
    }
}
