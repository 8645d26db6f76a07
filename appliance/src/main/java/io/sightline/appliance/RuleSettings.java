package io.sightline.appliance;

import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.NAMES;

import java.util.List;

/** The options of the rule engine (Prometheus's rule_files, evaluation_interval and its rules.* flags). */
final class RuleSettings {
    static final Setting FILES = new Setting("rules.files", NAMES, "",
            "rule files in Prometheus's format, comma-separated paths or globs (rules/*.yml); read at start, on SIGHUP and on POST /-/reload");
    static final Setting EVALUATION_INTERVAL = new Setting("rules.evaluation-interval", DURATION, "1m",
            "how often a rule group without its own interval is evaluated (Prometheus's evaluation_interval)");
    static final Setting EXTERNAL_LABELS = new Setting("rules.external-labels", NAMES, "",
            "name=value pairs added to every alert sent and available as $externalLabels in templates");
    static final Setting RESEND_DELAY = new Setting("rules.resend-delay", DURATION, "1m",
            "a firing alert is sent again this often (Prometheus's --rules.alert.resend-delay)");
    static final Setting FOR_GRACE_PERIOD = new Setting("rules.for-grace-period", DURATION, "10m",
            "after a restart an alert restored as pending still waits at least this long before firing");
    static final Setting FOR_OUTAGE_TOLERANCE = new Setting("rules.for-outage-tolerance", DURATION, "1h",
            "a restart within this long of the last evaluation restores the for state of pending alerts");

    static final List<Setting> ALL = List.of(FILES, EVALUATION_INTERVAL, EXTERNAL_LABELS, RESEND_DELAY,
            FOR_GRACE_PERIOD, FOR_OUTAGE_TOLERANCE);

    private RuleSettings() {
    }
}
