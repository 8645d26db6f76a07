package io.sightline.query.alerting.notify;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Where Sightline's alerts go: external Alertmanagers (sent as Prometheus sends them) and built-in
 * webhook receivers (grouped and notified as Alertmanager does).
 *
 * @param alertmanagers the external Alertmanagers and the sender's queue, batch and timeout
 * @param receivers     the webhook receivers (names unique)
 * @param externalUrl   the webhook payload's {@code externalURL}: a link back to Sightline's alerts
 *                      (default empty)
 * @param tickInterval  how often group timers and retry backoffs are checked (default 200 ms): a
 *                      notification may leave up to this much after its due time
 * @param silences      the silence store's bounds and directory (default {@link SilencesConfig#IN_MEMORY})
 * @param inhibition    inhibition rules (default {@link InhibitionConfig#DEFAULT}: critical/page mutes
 *                      warning/ticket of the same {@code service_name})
 * @param maxAlerts     most alerts (label sets) the built-in notifier keeps for its API and inhibition
 *                      (default 100,000); further ones are dropped there (webhook groups have their own bound)
 * @param alertGcInterval how often resolved alerts and long-expired silences are dropped (default 30m,
 *                      Alertmanager's {@code --alerts.gc-interval})
 * @param notificationLog the webhook receivers' notification log: retention, snapshot interval and directory
 *                      (default {@link NotificationLogConfig#IN_MEMORY})
 */
public record NotificationConfig(AlertmanagerSenderConfig alertmanagers, List<WebhookReceiverConfig> receivers,
                                 String externalUrl, Duration tickInterval, SilencesConfig silences,
                                 InhibitionConfig inhibition, int maxAlerts, Duration alertGcInterval,
                                 NotificationLogConfig notificationLog) {
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_ALERTS = 100_000;
    public static final Duration DEFAULT_ALERT_GC_INTERVAL = Duration.ofMinutes(30);

    /** Nowhere: no Alertmanager, no receiver. */
    public static final NotificationConfig NONE = new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
            List.of(), "", DEFAULT_TICK_INTERVAL);

    /** Default silences and notification log (in memory), inhibition, alert bound and GC interval. */
    public NotificationConfig(AlertmanagerSenderConfig alertmanagers, List<WebhookReceiverConfig> receivers,
                              String externalUrl, Duration tickInterval) {
        this(alertmanagers, receivers, externalUrl, tickInterval, SilencesConfig.IN_MEMORY, InhibitionConfig.DEFAULT,
                DEFAULT_MAX_ALERTS, DEFAULT_ALERT_GC_INTERVAL, NotificationLogConfig.IN_MEMORY);
    }

    public NotificationConfig {
        Objects.requireNonNull(silences, "silences");
        Objects.requireNonNull(inhibition, "inhibition");
        Objects.requireNonNull(notificationLog, "notificationLog");
        if (maxAlerts <= 0) {
            throw new IllegalArgumentException("maxAlerts must be positive: " + maxAlerts);
        }
        Objects.requireNonNull(alertGcInterval, "alertGcInterval");
        if (alertGcInterval.isNegative() || alertGcInterval.isZero()) {
            throw new IllegalArgumentException("alertGcInterval must be positive: " + alertGcInterval);
        }
        Objects.requireNonNull(alertmanagers, "alertmanagers");
        receivers = List.copyOf(receivers);
        Objects.requireNonNull(externalUrl, "externalUrl");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tickInterval must be positive: " + tickInterval);
        }
        var names = new HashSet<String>();
        for (WebhookReceiverConfig receiver : receivers) {
            if (!names.add(receiver.name())) {
                throw new IllegalArgumentException("receiver name used twice: " + receiver.name());
            }
        }
    }

    public boolean isEmpty() {
        return alertmanagers.alertmanagers().isEmpty() && receivers.isEmpty();
    }

    public NotificationConfig withSilences(SilencesConfig newSilences) {
        return new NotificationConfig(alertmanagers, receivers, externalUrl, tickInterval, newSilences, inhibition,
                maxAlerts, alertGcInterval, notificationLog);
    }

    public NotificationConfig withInhibition(InhibitionConfig newInhibition) {
        return new NotificationConfig(alertmanagers, receivers, externalUrl, tickInterval, silences, newInhibition,
                maxAlerts, alertGcInterval, notificationLog);
    }

    public NotificationConfig withMaxAlerts(int newMaxAlerts) {
        return new NotificationConfig(alertmanagers, receivers, externalUrl, tickInterval, silences, inhibition,
                newMaxAlerts, alertGcInterval, notificationLog);
    }

    public NotificationConfig withNotificationLog(NotificationLogConfig newNotificationLog) {
        return new NotificationConfig(alertmanagers, receivers, externalUrl, tickInterval, silences, inhibition,
                maxAlerts, alertGcInterval, newNotificationLog);
    }
}
