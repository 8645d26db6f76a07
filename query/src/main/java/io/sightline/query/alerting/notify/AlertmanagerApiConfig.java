package io.sightline.query.alerting.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link AlertmanagerApi}.
 *
 * @param resolveTimeout an alert posted without {@code endsAt} resolves this long after it was last
 *                       received (Alertmanager's {@code global.resolve_timeout}); default 5m
 * @param maxBodyBytes   largest POST body read (larger: 413); default 8 MiB
 */
public record AlertmanagerApiConfig(Duration resolveTimeout, int maxBodyBytes) {
    public static final AlertmanagerApiConfig DEFAULT = new AlertmanagerApiConfig(Duration.ofMinutes(5), 8 << 20);

    public AlertmanagerApiConfig {
        Objects.requireNonNull(resolveTimeout, "resolveTimeout");
        if (resolveTimeout.isNegative() || resolveTimeout.isZero()) {
            throw new IllegalArgumentException("resolveTimeout must be positive: " + resolveTimeout);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
    }
}
