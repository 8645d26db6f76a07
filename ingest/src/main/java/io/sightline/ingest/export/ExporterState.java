package io.sightline.ingest.export;

/**
 * A snapshot of one exporter's work on one signal, for {@code /metrics} and the status page.
 *
 * @param exporter       the configured name
 * @param signal         "metrics", "logs" or "traces"
 * @param target         where it sends (no credentials)
 * @param forwardedIndex WAL index of the last entry forwarded and saved (-1 before any)
 * @param lagEntries     WAL entries not yet forwarded
 * @param lagSeconds     age of the oldest of them (0 when caught up)
 * @param sentItems      items accepted by the target since start
 * @param failedItems    items refused for good since start
 * @param droppedItems   items dropped (backlog bound, corrupt entries) since start
 * @param retries        requests sent again since start
 * @param lastError      the last retryable or rejecting answer, or empty
 * @param lastErrorAtMillis when it came, epoch ms (0 for never)
 * @param retrying       whether the exporter is waiting to send a batch again right now
 */
public record ExporterState(String exporter, String signal, String target, long forwardedIndex, long lagEntries,
                            double lagSeconds, long sentItems, long failedItems, long droppedItems, long retries,
                            String lastError, long lastErrorAtMillis, boolean retrying) {
    /** In a word: "retrying" (a batch waits to be sent again), "sending" (behind the WAL) or "up to date". */
    public String status() {
        return retrying ? "retrying" : lagEntries > 0 ? "sending" : "up to date";
    }
}
