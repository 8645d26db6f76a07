package io.sightline.query.alerting.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how {@link AlertmanagerSender} sends alerts, with Prometheus's defaults.
 *
 * @param alertmanagers  base URLs of the Alertmanagers (e.g. {@code http://am:9093}); each gets
 *                       {@code POST {url}/api/v2/alerts}. Empty: the sender is off.
 * @param queueCapacity  alerts waiting to be sent; when full the oldest are dropped and counted
 *                       (Prometheus's {@code --alertmanager.notification-queue-capacity}, default 10,000)
 * @param maxBatchSize   most alerts in one POST (Prometheus's constant, 64)
 * @param timeout        per POST, connecting included (Prometheus's {@code timeout}, default 10 s)
 */
public record AlertmanagerSenderConfig(List<URI> alertmanagers, int queueCapacity, int maxBatchSize, Duration timeout) {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public AlertmanagerSenderConfig {
        alertmanagers = List.copyOf(alertmanagers);
        for (URI url : alertmanagers) {
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("alertmanager URL must be http(s)://host[:port][/prefix]: " + url);
            }
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1: " + maxBatchSize);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Prometheus's defaults for these Alertmanagers. */
    public static AlertmanagerSenderConfig defaults(List<URI> alertmanagers) {
        return new AlertmanagerSenderConfig(alertmanagers, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_SIZE, DEFAULT_TIMEOUT);
    }

    /** The POST target of one Alertmanager: its base URL's path joined with {@code /api/v2/alerts}. */
    static URI alertsEndpoint(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return base.resolve(path + "/api/v2/alerts");
    }
}
