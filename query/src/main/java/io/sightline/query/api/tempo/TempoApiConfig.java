package io.sightline.query.api.tempo;

import java.time.Duration;
import java.util.Objects;

/**
 * Defaults and bounds of the Tempo API subset.
 *
 * @param defaultLimit       traces a search returns without {@code limit} (Tempo: 20)
 * @param defaultSpansPerSet matched spans listed per trace without {@code spss} (Tempo: 3)
 * @param maxSpansPerSet     largest {@code spss} honoured (default 100)
 * @param searchLookback     the range searched without {@code start}/{@code end}: the last hour
 * @param maxTagValues       values {@code /search/tag/<tag>/values} returns (default 1,000)
 * @param maxFormBytes       largest POST form body (the form reader is shared; default 10 MiB)
 */
public record TempoApiConfig(int defaultLimit, int defaultSpansPerSet, int maxSpansPerSet, Duration searchLookback,
                             int maxTagValues, int maxFormBytes) {
    public TempoApiConfig {
        Objects.requireNonNull(searchLookback, "searchLookback");
        if (defaultLimit < 1 || defaultSpansPerSet < 1 || maxSpansPerSet < 1 || !searchLookback.isPositive()
                || maxTagValues < 1 || maxFormBytes < 1) {
            throw new IllegalArgumentException("Tempo API bounds must be positive");
        }
    }

    public static TempoApiConfig defaults() {
        return new TempoApiConfig(20, 3, 100, Duration.ofHours(1), 1_000, 10 * 1024 * 1024);
    }
}
