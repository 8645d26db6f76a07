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
     * Reads the next entry into {@code handler}.
     *
     * @return false when no entry is there yet
     */
    public boolean next(WalEntryHandler handler) {
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
                Bytes<?> bytes = document.wire().bytes();
                byte[] entry = new byte[(int) bytes.readRemaining()];
                bytes.read(entry);
                handler.accept(index, entry);
                return true;
            }
        }
    }

    /**
     * Reads the next entry into {@code buffer}, reusing its array.
     *
     * @return false when no entry is there yet (the buffer is unchanged)
     */
    public boolean next(WalEntryBuffer buffer) {
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
                Bytes<?> bytes = document.wire().bytes();
                int length = (int) bytes.readRemaining();
                bytes.read(buffer.prepare(index, length), 0, length);
                return true;
            }
        }
    }

    @Override
    public void close() {
        tailer.singleThreadedCheckReset();
        tailer.close();
    }
}
