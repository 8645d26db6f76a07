package io.sightline.query.rules;

import java.util.Objects;

import io.sightline.storage.tsdb.Labels;

/**
 * Settings of the rule evaluator, with Prometheus's defaults.
 *
 * @param externalLabels    added to alerts sent out (where an alert lacks them) and visible to
 *                          templates as {@code $externalLabels}; not written into ALERTS series
 * @param externalUrl       Prometheus's {@code --web.external-url}: templates' {@code $externalURL}
 *                          and the prefix of alerts' generator URLs ("" = no generator URL)
 * @param resendDelayMs     firing alerts are sent again at most this often ({@code --rules.alert.resend-delay}, 1m)
 * @param defaultIntervalMs interval of groups that set none ({@code evaluation_interval}, 1m)
 * @param forGracePeriodMs  after a restart, an alert restored from {@code ALERTS_FOR_STATE} gets at
 *                          least this long before it may fire ({@code --rules.alert.for-grace-period}, 10m);
 *                          rules with a shorter {@code for} are not restored
 * @param outageToleranceMs how far back a restart looks for {@code ALERTS_FOR_STATE}
 *                          ({@code --rules.alert.for-outage-tolerance}, 1h)
 */
public record RuleEvaluatorConfig(Labels externalLabels, String externalUrl, long resendDelayMs, long defaultIntervalMs,
                                  long forGracePeriodMs, long outageToleranceMs) {
    public static final long DEFAULT_RESEND_DELAY_MS = 60_000;
    public static final long DEFAULT_INTERVAL_MS = 60_000;
    public static final long DEFAULT_FOR_GRACE_PERIOD_MS = 10 * 60_000;
    public static final long DEFAULT_OUTAGE_TOLERANCE_MS = 60 * 60_000;
    /** How long a resolved alert is kept (and re-sent as resolved); Prometheus's fixed {@code resolvedRetention}. */
    public static final long RESOLVED_RETENTION_MS = 15 * 60_000;

    public RuleEvaluatorConfig {
        Objects.requireNonNull(externalLabels, "externalLabels");
        Objects.requireNonNull(externalUrl, "externalUrl");
        if (resendDelayMs < 0 || defaultIntervalMs <= 0 || forGracePeriodMs < 0 || outageToleranceMs < 0) {
            throw new IllegalArgumentException("durations must not be negative and the interval must be positive");
        }
        while (externalUrl.endsWith("/")) {
            externalUrl = externalUrl.substring(0, externalUrl.length() - 1);
        }
    }

    public static RuleEvaluatorConfig defaults() {
        return new RuleEvaluatorConfig(Labels.EMPTY, "", DEFAULT_RESEND_DELAY_MS, DEFAULT_INTERVAL_MS,
                DEFAULT_FOR_GRACE_PERIOD_MS, DEFAULT_OUTAGE_TOLERANCE_MS);
    }

    public RuleEvaluatorConfig withExternalLabels(Labels labels) {
        return new RuleEvaluatorConfig(labels, externalUrl, resendDelayMs, defaultIntervalMs, forGracePeriodMs,
                outageToleranceMs);
    }

    public RuleEvaluatorConfig withExternalUrl(String url) {
        return new RuleEvaluatorConfig(externalLabels, url, resendDelayMs, defaultIntervalMs, forGracePeriodMs,
                outageToleranceMs);
    }

    public RuleEvaluatorConfig withDefaultIntervalMs(long ms) {
        return new RuleEvaluatorConfig(externalLabels, externalUrl, resendDelayMs, ms, forGracePeriodMs,
                outageToleranceMs);
    }
}
