package io.sightline.appliance.alerting;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.query.alerting.notify.AlertmanagerSender;
import io.sightline.query.alerting.notify.Notifications;
import io.sightline.query.alerting.notify.WebhookDispatcher;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RuleStatusSource;

/**
 * The rule engine's and the notifier's figures in {@code /metrics}, read when scraped: what
 * Prometheus ({@code prometheus_rule_group_*}, {@code prometheus_notifications_*}) and Alertmanager
 * ({@code alertmanager_notifications_*}) expose for the same jobs, under Sightline's prefix.
 */
public final class AlertingMetrics {
    private AlertingMetrics() {
    }

    public static void register(PrometheusRegistry registry, RuleStatusSource rules, Notifications notifications) {
        GaugeWithCallback.builder().name("sightline_rule_group_last_duration_seconds")
                .help("How long the last evaluation of each rule group took")
                .labelNames("rule_group", "file")
                .callback(callback -> {
                    for (GroupStatus group : rules.groups()) {
                        callback.call(group.evaluationTimeSeconds(), group.group().name(), group.group().file());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("sightline_rule_group_rules").help("Rules in each rule group")
                .labelNames("rule_group", "file")
                .callback(callback -> {
                    for (GroupStatus group : rules.groups()) {
                        callback.call(group.rules().size(), group.group().name(), group.group().file());
                    }
                })
                .register(registry);
        AlertmanagerSender alertmanagers = notifications.alertmanagerSender();
        CounterWithCallback.builder().name("sightline_notifications_sent").help("Alerts sent to each Alertmanager")
                .labelNames("alertmanager")
                .callback(callback -> alertmanagers.stats().sent().forEach((url, n) -> callback.call(n, url.toString())))
                .register(registry);
        CounterWithCallback.builder().name("sightline_notifications_errors")
                .help("Alerts in POSTs to each Alertmanager that failed")
                .labelNames("alertmanager")
                .callback(callback -> alertmanagers.stats().errors().forEach((url, n) -> callback.call(n, url.toString())))
                .register(registry);
        CounterWithCallback.builder().name("sightline_notifications_dropped")
                .help("Alerts dropped before any Alertmanager took them (queue full, every POST failed)")
                .callback(callback -> callback.call(alertmanagers.stats().dropped()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_notifications_queue_length").help("Alerts waiting to go to the Alertmanagers")
                .callback(callback -> callback.call(alertmanagers.stats().queueLength()))
                .register(registry);
        WebhookDispatcher webhooks = notifications.webhookDispatcher();
        CounterWithCallback.builder().name("sightline_webhook_notifications")
                .help("Notifications delivered to each webhook receiver of the built-in notifier")
                .labelNames("receiver")
                .callback(callback -> webhooks.receiverNames().forEach(name -> callback.call(webhooks.stats(name).delivered(), name)))
                .register(registry);
        CounterWithCallback.builder().name("sightline_webhook_notifications_failed")
                .help("Delivery attempts to each webhook receiver that failed (retried or given up)")
                .labelNames("receiver")
                .callback(callback -> webhooks.receiverNames().forEach(name -> callback.call(webhooks.stats(name).failedAttempts(), name)))
                .register(registry);
    }
}
