package io.sightline.ingest.loki;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one push that were refused: a count per reason (Loki's discard reasons, e.g.
 * {@code label_name_too_long}) and the first few messages, worded as Loki words them. Not
 * thread-safe (one per request).
 */
final class PushRejections {
    /** How many problems are spelled out in the 400 answer; the rest are counted. */
    private static final int MESSAGES_KEPT = 3;

    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>(MESSAGES_KEPT);
    private long entries;
    private long problems;

    /** Refuses {@code entries} entries for one reason, described once by {@code message}. */
    void add(String reason, long entries, String message) {
        this.entries += entries;
        problems++;
        byReason.merge(reason, entries, Long::sum);
        if (messages.size() < MESSAGES_KEPT) {
            messages.add(message);
        }
    }

    long entries() {
        return entries;
    }

    Map<String, Long> byReason() {
        return byReason;
    }

    /** The kept messages, one a line, and how many more problems there were; "" if none. */
    String message() {
        String message = String.join("\n", messages);
        return problems > messages.size() ? message + "\n(and " + (problems - messages.size()) + " more)" : message;
    }
}
