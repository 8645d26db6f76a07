package io.sightline.query.alerting.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One webhook receiver of the built-in dispatcher with its route's options, named and defaulted as in
 * Alertmanager's configuration.
 *
 * @param name            the receiver's name, the payload's {@code receiver} (after Go's
 *                        {@code regexp.QuoteMeta}, as Alertmanager writes it)
 * @param url             where the payload is POSTed
 * @param groupBy         label names alerts are grouped by; {@code ["..."]} groups by all labels; empty
 *                        (Alertmanager's default) puts every alert into one group
 * @param groupWait       wait before a new group's first notification (default 30 s)
 * @param groupInterval   wait between a group's notifications when it changed (default 5 min)
 * @param repeatInterval  wait before notifying an unchanged group again (default 4 h)
 * @param sendResolved    whether resolved alerts are notified (default true)
 * @param maxAlerts       most alerts in one payload, the rest counted in {@code truncatedAlerts}; 0 = all
 * @param timeout         per HTTP attempt, connecting included (default 10 s; Alertmanager bounds it by
 *                        the flush deadline only)
 * @param retry           retries of 5xx answers and connection errors
 * @param deliveryLogSize attempts kept in the receiver's delivery log (default 100)
 * @param maxGroups       aggregation groups kept at once; alerts of further groups are dropped and
 *                        counted (default 10,000)
 */
public record WebhookReceiverConfig(String name, URI url, List<String> groupBy, Duration groupWait,
                                    Duration groupInterval, Duration repeatInterval, boolean sendResolved,
                                    int maxAlerts, Duration timeout, RetryPolicy retry, int deliveryLogSize,
                                    int maxGroups) {
    /** The {@code group_by} entry meaning "all labels". */
    public static final String ALL_LABELS = "...";
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_DELIVERY_LOG_SIZE = 100;
    public static final int DEFAULT_MAX_GROUPS = 10_000;

    public WebhookReceiverConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("receiver name must not be blank");
        }
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("receiver " + name + ": url must be http(s)://host...: " + url);
        }
        groupBy = List.copyOf(groupBy);
        for (String label : groupBy) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("receiver " + name + ": empty label name in group_by");
            }
        }
        if (groupBy.contains(ALL_LABELS) && groupBy.size() > 1) {
            throw new IllegalArgumentException("receiver " + name + ": cannot have wildcard group_by (`...`) and other labels at the same time");
        }
        positive(name, "group_wait", groupWait, true);
        positive(name, "group_interval", groupInterval, false);
        positive(name, "repeat_interval", repeatInterval, false);
        positive(name, "timeout", timeout, false);
        Objects.requireNonNull(retry, "retry");
        if (maxAlerts < 0) {
            throw new IllegalArgumentException("receiver " + name + ": max_alerts must be 0 (all) or positive: " + maxAlerts);
        }
        if (deliveryLogSize < 1) {
            throw new IllegalArgumentException("receiver " + name + ": deliveryLogSize must be at least 1: " + deliveryLogSize);
        }
        if (maxGroups < 1) {
            throw new IllegalArgumentException("receiver " + name + ": maxGroups must be at least 1: " + maxGroups);
        }
    }

    /** A receiver with Alertmanager's defaults. */
    public static WebhookReceiverConfig defaults(String name, URI url) {
        return new WebhookReceiverConfig(name, url, List.of(), DEFAULT_GROUP_WAIT, DEFAULT_GROUP_INTERVAL,
                DEFAULT_REPEAT_INTERVAL, true, 0, DEFAULT_TIMEOUT, RetryPolicy.DEFAULT, DEFAULT_DELIVERY_LOG_SIZE,
                DEFAULT_MAX_GROUPS);
    }

    public WebhookReceiverConfig withGroupBy(List<String> labels) {
        return new WebhookReceiverConfig(name, url, labels, groupWait, groupInterval, repeatInterval, sendResolved,
                maxAlerts, timeout, retry, deliveryLogSize, maxGroups);
    }

    public WebhookReceiverConfig withTimers(Duration wait, Duration interval, Duration repeat) {
        return new WebhookReceiverConfig(name, url, groupBy, wait, interval, repeat, sendResolved, maxAlerts, timeout,
                retry, deliveryLogSize, maxGroups);
    }

    public WebhookReceiverConfig withSendResolved(boolean resolved) {
        return new WebhookReceiverConfig(name, url, groupBy, groupWait, groupInterval, repeatInterval, resolved,
                maxAlerts, timeout, retry, deliveryLogSize, maxGroups);
    }

    public WebhookReceiverConfig withMaxAlerts(int max) {
        return new WebhookReceiverConfig(name, url, groupBy, groupWait, groupInterval, repeatInterval, sendResolved,
                max, timeout, retry, deliveryLogSize, maxGroups);
    }

    public WebhookReceiverConfig withRetry(RetryPolicy policy) {
        return new WebhookReceiverConfig(name, url, groupBy, groupWait, groupInterval, repeatInterval, sendResolved,
                maxAlerts, timeout, policy, deliveryLogSize, maxGroups);
    }

    public WebhookReceiverConfig withLimits(Duration attemptTimeout, int logSize, int groups) {
        return new WebhookReceiverConfig(name, url, groupBy, groupWait, groupInterval, repeatInterval, sendResolved,
                maxAlerts, attemptTimeout, retry, logSize, groups);
    }

    boolean groupsByAll() {
        return groupBy.contains(ALL_LABELS);
    }

    private static void positive(String receiver, String key, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || !zeroAllowed && value.isZero()) {
            throw new IllegalArgumentException("receiver " + receiver + ": " + key + " must be "
                    + (zeroAllowed ? "non-negative" : "positive") + ": " + value);
        }
    }
}
