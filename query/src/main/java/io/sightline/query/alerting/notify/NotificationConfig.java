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
 */
public record NotificationConfig(AlertmanagerSenderConfig alertmanagers, List<WebhookReceiverConfig> receivers,
                                 String externalUrl, Duration tickInterval) {
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(200);

    /** Nowhere: no Alertmanager, no receiver. */
    public static final NotificationConfig NONE = new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
            List.of(), "", DEFAULT_TICK_INTERVAL);

    public NotificationConfig {
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
}
