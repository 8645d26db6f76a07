package io.sightline.storage.wal;

import java.util.Arrays;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Running payload sizes of the entries written before the log was opened, which {@link WalTimeline}
 * does not describe: read once, on first use, by walking the entries' headers (no payload is
 * copied). A point every {@value #STRIDE} entries bounds memory; a size between points is
 * interpolated by entry count. Immutable once built; thread-safe.
 */
final class WalHistory {
    private static final int STRIDE = 1_024;

    private final long[] indexes;
    private final long[] bytesBefore;
    private final long[] sizes;
    private final long total;

    private WalHistory(long[] indexes, long[] bytesBefore, long[] sizes, long total) {
        this.indexes = indexes;
        this.bytesBefore = bytesBefore;
        this.sizes = sizes;
        this.total = total;
    }

    /** Walks {@code queue} from its first entry up to and including {@code lastIndex}. */
    static WalHistory read(SingleChronicleQueue queue, long lastIndex) {
        long[] indexes = new long[16];
        long[] before = new long[16];
        long[] sizes = new long[16];
        int points = 0;
        long total = 0;
        long count = 0;
        if (lastIndex >= 0) {
            try (ExcerptTailer tailer = queue.createTailer()) {
                tailer.toStart();
                while (true) {
                    try (DocumentContext document = tailer.readingDocument()) {
                        if (!document.isPresent() || document.index() > lastIndex) {
                            break;
                        }
                        long size = document.wire().bytes().readRemaining();
                        if (count++ % STRIDE == 0) {
                            if (points == indexes.length) {
                                indexes = Arrays.copyOf(indexes, points * 2);
                                before = Arrays.copyOf(before, points * 2);
                                sizes = Arrays.copyOf(sizes, points * 2);
                            }
                            indexes[points] = document.index();
                            sizes[points] = size;
                            before[points++] = total;
                        }
                        total += size;
                    }
                }
            }
        }
        return new WalHistory(Arrays.copyOf(indexes, points), Arrays.copyOf(before, points), Arrays.copyOf(sizes, points),
                total);
    }

    /** Payload bytes of the pre-opening entries after {@code index} (estimated between points). */
    long bytesAfter(long index) {
        if (indexes.length == 0) {
            return 0;
        }
        int found = Arrays.binarySearch(indexes, index);
        if (found >= 0) {
            return total - bytesBefore[found] - sizes[found];
        }
        int next = -found - 1;
        if (next == 0) {
            return total;
        }
        // Between two points (Chronicle indexes are not contiguous across cycles): the middle.
        long upTo = next == indexes.length ? total : bytesBefore[next];
        return total - (bytesBefore[next - 1] + upTo) / 2;
    }
}
