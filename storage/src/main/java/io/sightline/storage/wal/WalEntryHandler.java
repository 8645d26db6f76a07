package io.sightline.storage.wal;

/** Receives one WAL entry: its index (increasing, not contiguous across cycles) and its bytes. */
@FunctionalInterface
public interface WalEntryHandler {
    void accept(long index, byte[] entry);
}
