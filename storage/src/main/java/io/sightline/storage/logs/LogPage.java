package io.sightline.storage.logs;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results.
 *
 * @param records    newest first
 * @param nextCursor pass it back in {@link LogSearch#cursor()} for the next page; empty on the last
 * @param scanned    how many index documents matched the query (for explain and tuning)
 */
public record LogPage(List<LogRecord> records, Optional<String> nextCursor, long scanned) {
}
