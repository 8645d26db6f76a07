package io.sightline.appliance;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sightline.query.alerting.notify.AlertmanagerSenderConfig;
import io.sightline.query.alerting.notify.InhibitionConfig;
import io.sightline.query.alerting.notify.NotificationConfig;
import io.sightline.query.alerting.notify.NotificationLogConfig;
import io.sightline.query.alerting.notify.SilencesConfig;
import io.sightline.query.alerting.notify.WebhookReceiverConfig;
import io.sightline.appliance.alerting.RuleFileLoader;
import io.sightline.query.rules.ActiveAlert;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.LogqlRuleLanguage;
import io.sightline.query.rules.RuleEvaluatorConfig;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleStatusSource;
import io.sightline.query.rules.builtin.BuiltinRules;
import io.sightline.query.rules.builtin.BuiltinRulesConfig;
import io.sightline.query.rules.slo.SloRules;
import io.sightline.storage.tsdb.Labels;

/** The {@code rules.*} and {@code alerting.*} options turned into the rule engine's and the notifier's configs. */
final class RuleSetup {
    private RuleSetup() {
    }

    /** PromQL rule files, SLO declarations and (unless switched off) the built-in RED pack. */
    static RuleFileLoader metricRuleFiles(ApplianceConfig config) {
        return new RuleFileLoader()
                .files(config.names(RuleSettings.FILES), RuleFiles::parse)
                .files(config.names(RuleSettings.SLO_FILES), SloRules::parse)
                .groups(config.flag(RuleSettings.BUILTIN_RED) ? BuiltinRules.red(BuiltinRulesConfig.defaults()) : List.of());
    }

    /** LogQL rule files (Loki's ruler). */
    static RuleFileLoader logRuleFiles(ApplianceConfig config) {
        return new RuleFileLoader().files(config.names(RuleSettings.LOGQL_FILES), file -> RuleFiles.parse(file, LogqlRuleLanguage.SYNTAX));
    }

    /** What the rules and alerts APIs answer: the PromQL groups, then the LogQL ones. */
    static RuleStatusSource both(RuleStatusSource metrics, RuleStatusSource logs) {
        return new RuleStatusSource() {
            @Override
            public List<GroupStatus> groups() {
                List<GroupStatus> groups = new ArrayList<>(metrics.groups());
                groups.addAll(logs.groups());
                return groups;
            }

            @Override
            public List<ActiveAlert> alerts() {
                List<ActiveAlert> alerts = new ArrayList<>(metrics.alerts());
                alerts.addAll(logs.alerts());
                return alerts;
            }
        };
    }

    /** Where the UI and APIs answer, for alerts' generator URLs and {@code $externalURL}. */
    static String externalUrl(ApplianceConfig config) {
        return "http://" + config.bind() + ":" + config.httpPort();
    }

    static RuleEvaluatorConfig evaluatorConfig(ApplianceConfig config) {
        return new RuleEvaluatorConfig(externalLabels(config.names(RuleSettings.EXTERNAL_LABELS)), externalUrl(config),
                config.duration(RuleSettings.RESEND_DELAY).toMillis(), config.duration(RuleSettings.EVALUATION_INTERVAL).toMillis(),
                config.duration(RuleSettings.FOR_GRACE_PERIOD).toMillis(),
                config.duration(RuleSettings.FOR_OUTAGE_TOLERANCE).toMillis());
    }

    static NotificationConfig notificationConfig(ApplianceConfig config) {
        List<URI> alertmanagers = new ArrayList<>();
        for (String url : config.names(RuleSettings.ALERTMANAGER_URLS)) {
            alertmanagers.add(uri(RuleSettings.ALERTMANAGER_URLS, url));
        }
        List<WebhookReceiverConfig> receivers = new ArrayList<>();
        List<String> webhooks = config.names(RuleSettings.WEBHOOK_URLS);
        for (int i = 0; i < webhooks.size(); i++) {
            String entry = webhooks.get(i);
            int equals = entry.indexOf('=');
            boolean named = equals > 0 && !entry.substring(0, equals).contains(":");
            String name = named ? entry.substring(0, equals) : "webhook-" + (i + 1);
            URI url = uri(RuleSettings.WEBHOOK_URLS, named ? entry.substring(equals + 1) : entry);
            try {
                receivers.add(WebhookReceiverConfig.defaults(name, url)
                        .withGroupBy(config.names(RuleSettings.GROUP_BY))
                        .withTimers(config.duration(RuleSettings.GROUP_WAIT), config.duration(RuleSettings.GROUP_INTERVAL),
                                config.duration(RuleSettings.REPEAT_INTERVAL))
                        .withSendResolved(config.flag(RuleSettings.SEND_RESOLVED)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(RuleSettings.WEBHOOK_URLS.flag() + ": " + e.getMessage());
            }
        }
        Path alertingData = config.dataDir().resolve("alerting");
        return new NotificationConfig(AlertmanagerSenderConfig.defaults(alertmanagers), receivers, externalUrl(config),
                NotificationConfig.DEFAULT_TICK_INTERVAL)
                .withSilences(SilencesConfig.persistedIn(alertingData))
                .withNotificationLog(notificationLogConfig(config, alertingData))
                .withInhibition(config.flag(RuleSettings.INHIBIT) ? InhibitionConfig.DEFAULT : InhibitionConfig.OFF);
    }

    /** The webhook receivers' notification log, persisted in {@code <data-dir>/alerting/nflog.json}. */
    private static NotificationLogConfig notificationLogConfig(ApplianceConfig config, Path directory) {
        NotificationLogConfig log = NotificationLogConfig.persistedIn(directory);
        try {
            log = log.withSnapshotInterval(config.duration(RuleSettings.NOTIFICATION_LOG_SNAPSHOT_INTERVAL));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RuleSettings.NOTIFICATION_LOG_SNAPSHOT_INTERVAL.flag() + ": " + e.getMessage());
        }
        try {
            return log.withRetention(config.duration(RuleSettings.NOTIFICATION_LOG_RETENTION));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RuleSettings.NOTIFICATION_LOG_RETENTION.flag() + ": " + e.getMessage());
        }
    }

    private static URI uri(Setting setting, String text) {
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.flag() + ": '" + text + "' is not an http(s) URL");
        }
    }

    static Labels externalLabels(List<String> pairs) {
        List<String> namesAndValues = new ArrayList<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(RuleSettings.EXTERNAL_LABELS.flag() + ": '" + pair + "' is not name=value");
            }
            namesAndValues.add(pair.substring(0, equals));
            namesAndValues.add(pair.substring(equals + 1));
        }
        return Labels.of(namesAndValues.toArray(String[]::new));
    }
}
