package io.sightline.query.alerting.notify;

import java.util.List;

/**
 * Inhibition of the built-in notifier.
 *
 * @param enabled false: no alert is inhibited
 * @param rules   Alertmanager's {@code inhibit_rules}; default {@link #DEFAULT_RULE}
 */
public record InhibitionConfig(boolean enabled, List<InhibitRule> rules) {
    /**
     * Issue 7's "lower severities inhibited by higher ones for the same service": a firing
     * {@code severity} critical or page alert mutes warning and ticket alerts with the same
     * {@code service_name}.
     */
    public static final InhibitRule DEFAULT_RULE = InhibitRule.of(List.of("severity=~\"critical|page\""),
            List.of("severity=~\"warning|ticket\""), List.of("service_name"));

    public static final InhibitionConfig DEFAULT = new InhibitionConfig(true, List.of(DEFAULT_RULE));
    public static final InhibitionConfig OFF = new InhibitionConfig(false, List.of());

    public InhibitionConfig {
        rules = List.copyOf(rules);
    }

    /** The rules in force: none when disabled. */
    public List<InhibitRule> effectiveRules() {
        return enabled ? rules : List.of();
    }
}
