package io.sightline.storage.wal;

import java.io.Closeable;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a WAL's entries in order from a position the consumer keeps itself. Not thread-safe: one
 * consumer thread uses it (it may be created on another).
 */
public final class WalReader implements Closeable {
    private final ExcerptTailer tailer;
    private final long afterIndex;

    WalReader(SingleChronicleQueue queue, long afterIndex) {
        this.tailer = queue.createTailer();
        this.afterIndex = afterIndex;
        // Entries at or before afterIndex are skipped in next(); this only saves the scan.
        if (afterIndex < 0 || !tailer.moveToIndex(afterIndex)) {
            tailer.toStart();
        }
    }

    /**
     * Reads the next entry into {@code handler}, as an array of its own.
     *
     * @return false when no entry is there yet
     */
    public boolean next(WalEntryHandler handler) {
        return nextDocument((index, bytes) -> {
            byte[] entry = new byte[(int) bytes.readRemaining()];
            bytes.read(entry);
            handler.accept(index, entry);
        });
    }

    /**
     * Reads the next entry into {@code buffer}, reusing its array.
     *
     * @return false when no entry is there yet (the buffer is unchanged)
     */
    public boolean next(WalEntryBuffer buffer) {
        return nextDocument((index, bytes) -> {
            int length = (int) bytes.readRemaining();
            bytes.read(buffer.prepare(index, length), 0, length);
        });
    }

    /** Hands the next entry after {@code afterIndex} to {@code copier}; false when there is none yet. */
    private boolean nextDocument(EntryCopier copier) {
        tailer.singleThreadedCheckReset();
        while (true) {
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return false;
                }
                long index = document.index();
                if (index <= afterIndex) {
                    continue;
                }
                copier.copy(index, document.wire().bytes());
                return true;
            }
        }
    }

    /** Copies an entry's bytes out of the queue while its document is open. */
    @FunctionalInterface
    private interface EntryCopier {
        void copy(long index, Bytes<?> bytes);
    }

    @Override
    public void close() {
        tailer.singleThreadedCheckReset();
        tailer.close();
    }
}
