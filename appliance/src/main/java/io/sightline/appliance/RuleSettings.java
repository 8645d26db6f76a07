package io.sightline.appliance;

import static io.sightline.appliance.SettingType.BOOLEAN;
import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.NAMES;

import java.util.List;

/** The options of the rule engine (Prometheus's rule_files, evaluation_interval, rules.* flags) and of the notifier. */
final class RuleSettings {
    static final Setting FILES = new Setting("rules.files", NAMES, "",
            "rule files in Prometheus's format, comma-separated paths or globs (rules/*.yml); read at start, on SIGHUP and on POST /-/reload");
    static final Setting LOGQL_FILES = new Setting("rules.logql-files", NAMES, "",
            "rule files whose expressions are LogQL metric queries over the logs (Loki's ruler), paths or globs; read like rules.files");
    static final Setting SLO_FILES = new Setting("rules.slo-files", NAMES, "",
            "SLO declarations (service, objective, window, events) turned into the SRE workbook's multi-window burn-rate rules; read like rules.files");
    static final Setting BUILTIN_RED = new Setting("rules.builtin-red", BOOLEAN, "true",
            "the built-in alerts on every service's span metrics (error ratio, p99 latency, throughput drop); 'sightline print-builtin-rules' prints them to copy and edit");
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

    static final Setting ALERTMANAGER_URLS = new Setting("alerting.alertmanager-urls", NAMES, "",
            "Alertmanagers to send alerts to (base URLs; POST <url>/api/v2/alerts as Prometheus sends)");
    static final Setting WEBHOOK_URLS = new Setting("alerting.webhook-urls", NAMES, "",
            "webhook receivers of the built-in notifier (Alertmanager's webhook payload, version 4); name=url or url");
    static final Setting GROUP_BY = new Setting("alerting.group-by", NAMES, "",
            "labels the built-in notifier groups alerts by; empty: one group per receiver, '...': every label");
    static final Setting GROUP_WAIT = new Setting("alerting.group-wait", DURATION, "30s",
            "how long a new group waits for more alerts before its first notification");
    static final Setting GROUP_INTERVAL = new Setting("alerting.group-interval", DURATION, "5m",
            "how long after a notification a group's changes are notified");
    static final Setting REPEAT_INTERVAL = new Setting("alerting.repeat-interval", DURATION, "4h",
            "how long after a notification an unchanged firing group is notified again");
    static final Setting SEND_RESOLVED = new Setting("alerting.send-resolved", BOOLEAN, "true",
            "whether webhook receivers are told when alerts resolve");

    static final Setting NOTIFICATION_LOG_SNAPSHOT_INTERVAL = new Setting("alerting.notification-log.snapshot-interval", DURATION, "15m",
            "how often the webhook receivers' notification log is written to <data-dir>/alerting/nflog.json (also at shutdown), so a restart does not notify again what was notified within repeat-interval (Alertmanager's --data.maintenance-interval)");
    static final Setting NOTIFICATION_LOG_RETENTION = new Setting("alerting.notification-log.retention", DURATION, "120h",
            "longest a notification log entry is kept; an entry expires min(retention, 2 x repeat-interval) after its notification (Alertmanager's --data.retention)");

    static final Setting INHIBIT = new Setting("alerting.inhibit-lower-severities", BOOLEAN, "true",
            "a firing critical/page alert mutes the warning/ticket alerts of the same service_name (Alertmanager inhibition)");

    static final List<Setting> ALL = List.of(FILES, LOGQL_FILES, SLO_FILES, BUILTIN_RED, EVALUATION_INTERVAL, EXTERNAL_LABELS, RESEND_DELAY,
            FOR_GRACE_PERIOD, FOR_OUTAGE_TOLERANCE, ALERTMANAGER_URLS, WEBHOOK_URLS, GROUP_BY, GROUP_WAIT,
            GROUP_INTERVAL, REPEAT_INTERVAL, SEND_RESOLVED, NOTIFICATION_LOG_SNAPSHOT_INTERVAL, NOTIFICATION_LOG_RETENTION,
            INHIBIT);

    private RuleSettings() {
    }
}
