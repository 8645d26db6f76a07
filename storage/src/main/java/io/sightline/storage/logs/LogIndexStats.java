package io.sightline.storage.logs;

/**
 * Loki's {@code /index/stats} for a selector and time range.
 *
 * @param streams distinct stream label sets with records in the range
 * @param chunks  Sightline keeps no chunks; this counts (stream definition, day partition) pairs
 *                with records in the range, the nearest equivalent (Loki cuts at least one chunk
 *                per stream and period)
 * @param entries records in the range
 * @param bytes   UTF-8 bytes of their bodies
 */
public record LogIndexStats(long streams, long chunks, long entries, long bytes) {
}
