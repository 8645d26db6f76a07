package io.sightline.ingest.otlp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How OTLP metrics become Prometheus series ({@link OtlpMetricsMapper}).
 *
 * @param promoteResourceAttributes resource attributes copied onto every series of the resource as
 *                                  labels ({@code metrics.otlp.promote-resource-attributes}, e.g.
 *                                  {@code [deployment.environment, k8s.namespace.name]}); a data point
 *                                  attribute of the same label name wins. Default none: they are on
 *                                  {@code target_info}, joined in queries
 * @param promoteScopeMetadata      adds {@code otel_scope_name} and {@code otel_scope_version} to every
 *                                  series ({@code metrics.otlp.promote-scope-metadata}); default off, as
 *                                  in Prometheus's OTLP receiver
 * @param exponentialMaxScale       highest scale kept when an exponential histogram becomes classic
 *                                  buckets ({@code metrics.otlp.exponential-histogram-max-scale}); scale
 *                                  1 puts a bound every factor √2
 * @param exponentialMaxBuckets     most classic buckets (besides {@code +Inf}) one exponential histogram
 *                                  becomes; more are merged by lowering the scale
 *                                  ({@code metrics.otlp.exponential-histogram-max-buckets})
 * @param deltaIdleTimeout          running sums of delta series not updated for this long are dropped
 *                                  ({@code metrics.otlp.delta-idle-timeout}); the next point starts anew
 */
public record OtlpMetricsConfig(List<String> promoteResourceAttributes, boolean promoteScopeMetadata,
                                int exponentialMaxScale, int exponentialMaxBuckets, Duration deltaIdleTimeout) {
    /** Scale 1: a bound every √2, ~27 buckets for 1 ms..10 s; about the resolution of the SDK's default buckets ×2. */
    public static final int DEFAULT_EXPONENTIAL_MAX_SCALE = 1;
    /** 40 buckets: bounds a histogram's series count near a classic histogram's. */
    public static final int DEFAULT_EXPONENTIAL_MAX_BUCKETS = 40;
    /** One hour, as the admission's idle timeout. */
    public static final Duration DEFAULT_DELTA_IDLE_TIMEOUT = Duration.ofHours(1);

    public OtlpMetricsConfig {
        promoteResourceAttributes = List.copyOf(Objects.requireNonNull(promoteResourceAttributes,
                "promoteResourceAttributes"));
        Objects.requireNonNull(deltaIdleTimeout, "deltaIdleTimeout");
        if (exponentialMaxScale < -4 || exponentialMaxScale > 8) {
            throw new IllegalArgumentException("metrics.otlp.exponential-histogram-max-scale must be in [-4, 8], was "
                    + exponentialMaxScale);
        }
        if (exponentialMaxBuckets < 1) {
            throw new IllegalArgumentException("metrics.otlp.exponential-histogram-max-buckets must be > 0, was "
                    + exponentialMaxBuckets);
        }
        if (!deltaIdleTimeout.isPositive()) {
            throw new IllegalArgumentException("metrics.otlp.delta-idle-timeout must be > 0, was " + deltaIdleTimeout);
        }
    }

    public static OtlpMetricsConfig defaults() {
        return new OtlpMetricsConfig(List.of(), false, DEFAULT_EXPONENTIAL_MAX_SCALE, DEFAULT_EXPONENTIAL_MAX_BUCKETS,
                DEFAULT_DELTA_IDLE_TIMEOUT);
    }
}
