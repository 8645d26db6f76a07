package io.sightline.storage.wal;

/**
 * When appended WAL entries are forced to stable storage, and so what an acknowledged write survives.
 *
 * <p>Every policy survives a crash of the process (kill -9): entries are in memory-mapped files that
 * the kernel writes out on its own. They differ only for a power loss or kernel crash.
 */
public enum SyncPolicy {
    /** Never force; the kernel writes dirty pages within its own interval (Linux: ~30 s). Fastest. */
    NONE,
    /** Force every {@code wal.sync-interval}; a power loss loses at most that interval. */
    PERIODIC,
    /** Force before any write of a batch is acknowledged (group commit); survives a power loss. */
    BATCH;

    /** Parses a config value, case-insensitively. */
    public static SyncPolicy parse(String value) {
        for (SyncPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(value.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a sync policy; use none, periodic or batch");
    }
}
