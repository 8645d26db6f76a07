package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.ingest.Signal;

/**
 * The items of one request that failed validation: a count per reason and the first few messages,
 * enough for a client to see what is wrong without an answer as large as the request. Not
 * thread-safe (one per request).
 */
final class Rejections {
    /** How many item problems are spelled out in the error message. */
    private static final int MESSAGES_KEPT = 3;

    private final Signal signal;
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>(MESSAGES_KEPT);
    private long count;

    Rejections(Signal signal) {
        this.signal = signal;
    }

    void add(long index, Problem problem) {
        add(index, "", problem);
    }

    /** Adds a problem of item {@code index}; {@code qualifier} follows the index (" (metric 'x')"). */
    void add(long index, String qualifier, Problem problem) {
        count++;
        byReason.merge(problem.reason(), 1L, Long::sum);
        if (messages.size() < MESSAGES_KEPT) {
            messages.add(signal.item() + " " + index + qualifier + ": " + problem.message());
        }
    }

    long count() {
        return count;
    }

    Map<String, Long> byReason() {
        return byReason;
    }

    /** E.g. "log record 3: 10000 attributes, limit is 128 (ingest.max-attributes); and 2 more"; "" if none. */
    String message() {
        if (count == 0) {
            return "";
        }
        String message = String.join("; ", messages);
        return count > messages.size() ? message + "; and " + (count - messages.size()) + " more" : message;
    }
}
