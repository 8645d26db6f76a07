package io.sightline.storage.lucene;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.index.IndexWriter;

/**
 * Tells when a partition's writer went quiet and then asks its {@link SettlingMergePolicy} to merge
 * what flushes wrote, once per quiet spell. The indexing threads count what they add; the store's
 * committer calls {@link #settleIfIdle} every commit interval, so "quiet" means a whole interval
 * without a document (by then the refresher has flushed the last ones).
 */
public final class IdleSettler {
    private final AtomicLong added = new AtomicLong();
    /** What {@link #added} was at the last check; only the committer thread uses it. */
    private long addedAtLastCheck = -1;
    private boolean settled;

    public void added(int documents) {
        added.addAndGet(documents);
    }

    /** Starts the settling merge when nothing was added since the previous call and none ran since. */
    public void settleIfIdle(IndexWriter writer) throws IOException {
        long now = added.get();
        if (now != addedAtLastCheck) {
            addedAtLastCheck = now;
            settled = false;
            return;
        }
        if (settled) {
            return;
        }
        settled = true;
        ((SettlingMergePolicy) writer.getConfig().getMergePolicy()).requestSettle();
        writer.maybeMerge();
    }
}
