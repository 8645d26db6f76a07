package io.sightline.ingest.prometheus;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one request that were not accepted: a count per reason, the request items they
 * came from (OTLP data points, remote_write series), and the first few messages, each naming the
 * series and the time. Not thread-safe (one per request).
 */
public final class SampleRejections {
    public static final String OUT_OF_ORDER = "out_of_order";
    public static final String DUPLICATE_TIMESTAMP = "duplicate_timestamp";
    public static final String TOO_MANY_SERIES = "too_many_series";
    public static final String TOO_MANY_SERIES_PER_METRIC = "too_many_series_per_metric";
    public static final String LABEL_LIMIT = "label_limit";
    public static final String INVALID_LABELS = "invalid_labels";
    public static final String UNSUPPORTED = "unsupported";
    /** How many problems are spelled out in the answer. */
    private static final int MESSAGES_KEPT = 3;

    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>(MESSAGES_KEPT);
    private final BitSet items = new BitSet();
    private final Map<String, Long> itemsByReason = new LinkedHashMap<>();
    private long samples;

    public void clear() {
        byReason.clear();
        itemsByReason.clear();
        messages.clear();
        items.clear();
        samples = 0;
    }

    /** Whether the next rejection's message will be kept: build it only then. */
    public boolean wantsMessage() {
        return messages.size() < MESSAGES_KEPT;
    }

    /**
     * Records {@code count} rejected samples of request item {@code item} ({@code -1}: a series the
     * receiver derived itself, not counted); {@code message} may be null if not wanted.
     */
    public void reject(int item, String reason, long count, String message) {
        if (item < 0) {
            return; // a derived series (target_info): not the client's sample
        }
        samples += count;
        byReason.merge(reason, count, Long::sum);
        if (!items.get(item)) {
            items.set(item);
            itemsByReason.merge(reason, 1L, Long::sum);
        }
        if (message != null && wantsMessage()) {
            messages.add(message);
        }
    }

    public long samples() {
        return samples;
    }

    /** The request items with at least one rejected sample. */
    public BitSet items() {
        return items;
    }

    /** Rejected request items by the reason of their first rejected sample. */
    public Map<String, Long> itemsByReason() {
        return itemsByReason;
    }

    /** Rejected samples by reason (the {@code reason} label of the ingest metrics). */
    public Map<String, Long> byReason() {
        return byReason;
    }

    /** The kept messages joined with "; ", with "and N more" when some were left out; "" if none. */
    public String message() {
        if (samples == 0) {
            return "";
        }
        String message = String.join("; ", messages);
        long left = samples - messages.size();
        return left > 0 ? message + "; and " + left + " more rejected samples" : message;
    }
}
