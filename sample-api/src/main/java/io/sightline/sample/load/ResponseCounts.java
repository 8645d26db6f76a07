package io.sightline.sample.load;

import java.util.Map;

/** The request tallies both load summaries report, from their per-status and per-error counts. */
final class ResponseCounts {
    private ResponseCounts() {
    }

    /** Requests answered with a non-2xx status. */
    static long rejected(Map<Integer, Long> statusCounts) {
        return statusCounts.entrySet().stream()
                .filter(e -> e.getKey() < 200 || e.getKey() > 299)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Requests that got no HTTP response. */
    static long failed(Map<String, Long> errors) {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
