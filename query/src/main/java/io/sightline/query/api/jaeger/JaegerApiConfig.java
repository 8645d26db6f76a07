package io.sightline.query.api.jaeger;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and defaults of the Jaeger query API, Jaeger's own where it has them.
 *
 * @param defaultLimit       traces {@code /api/traces} returns without {@code limit} (Jaeger's query
 *                           service: 100; its UI always sends {@code limit}, 20 by default)
 * @param maxLimit           largest {@code limit} honoured; larger is cut to it (default 1,000)
 * @param searchLookback     how far back a search looks without {@code start} (Jaeger: 48h)
 * @param dependencyLookback {@code /api/dependencies}'s {@code lookback} default (Jaeger: 24h)
 * @param searchTimeout      the store's time for one search (default 30s)
 * @param maxFormBytes       largest POST form body (default 10 MiB; Jaeger's endpoints are GET, the
 *                           form reader is shared)
 */
public record JaegerApiConfig(int defaultLimit, int maxLimit, Duration searchLookback, Duration dependencyLookback,
                              Duration searchTimeout, int maxFormBytes) {
    public JaegerApiConfig {
        Objects.requireNonNull(searchLookback, "searchLookback");
        Objects.requireNonNull(dependencyLookback, "dependencyLookback");
        Objects.requireNonNull(searchTimeout, "searchTimeout");
        if (defaultLimit < 1 || maxLimit < 1 || maxFormBytes < 1 || !searchLookback.isPositive()
                || !dependencyLookback.isPositive() || !searchTimeout.isPositive()) {
            throw new IllegalArgumentException("Jaeger API bounds must be positive");
        }
    }

    public static JaegerApiConfig defaults() {
        return new JaegerApiConfig(100, 1_000, Duration.ofHours(48), Duration.ofHours(24), Duration.ofSeconds(30),
                10 * 1024 * 1024);
    }
}
