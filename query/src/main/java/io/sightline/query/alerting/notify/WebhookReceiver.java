package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/**
 * One webhook receiver of the built-in dispatcher: its aggregation groups, delivery log and counters,
 * and its entries in the dispatcher's shared {@link NotificationLog}. A flush decides as Alertmanager's
 * dedup stage does whether the group needs a notification (new firing alerts; all alerts resolved after
 * firing ones were notified; with {@code send_resolved}, newly resolved alerts; otherwise only once
 * {@code repeat_interval} passed since the last one), then delivers it with retries; only a delivered
 * notification is logged and lets the group forget its resolved alerts. Thread-safe (its own lock; HTTP runs asynchronously outside it).
 */
final class WebhookReceiver {
    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class.getName());

    /** Counters for /metrics (Alertmanager's {@code alertmanager_notifications_total} and {@code _failed_total}). */
    record Stats(long attempts, long failedAttempts, long delivered, long undelivered, long droppedAlerts, int groups) {
    }

    private final WebhookReceiverConfig config;
    private final String externalUrl;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final HttpClient client;
    private final Map<Labels, AggregationGroup> groups = new HashMap<>();
    private final NotificationLog notificationLog;
    private final DeliveryLog deliveryLog;
    private long attempts;
    private long failedAttempts;
    private long delivered;
    private long undelivered;
    private long droppedAlerts;

    /** @param notificationLog shared by every receiver, its entries keyed by receiver name and group key */
    WebhookReceiver(WebhookReceiverConfig config, String externalUrl, InstantSource clock, RandomGenerator random,
                    HttpClient client, NotificationLog notificationLog) {
        this.config = config;
        this.notificationLog = notificationLog;
        this.externalUrl = externalUrl;
        this.clock = clock;
        this.random = random;
        this.client = client;
        this.deliveryLog = new DeliveryLog(config.deliveryLogSize());
    }

    String name() {
        return config.name();
    }

    synchronized void insert(PostableAlert alert, long nowMs) {
        if (alert.labels().isEmpty()) {
            droppedAlerts++; // Alertmanager refuses alerts without labels
            return;
        }
        Labels groupLabels = groupLabels(alert.labels());
        AggregationGroup group = groups.get(groupLabels);
        if (group == null) {
            if (groups.size() >= config.maxGroups()) {
                droppedAlerts++;
                return;
            }
            group = new AggregationGroup(groupLabels, WebhookPayload.groupKey(groupLabels),
                    nowMs + config.groupWait().toMillis());
            groups.put(groupLabels, group);
        }
        group.insert(alert, nowMs, config.groupWait().toMillis());
    }

    /** Flushes the groups whose timer is due and starts the attempts whose backoff has passed. */
    synchronized void tick(long nowMs, Muting muting) {
        for (AggregationGroup group : new ArrayList<>(groups.values())) {
            if (group.pending == null && nowMs >= group.nextFlushMs) {
                flush(group, nowMs, muting);
            }
            if (group.pending != null) {
                attemptIfDue(group, group.pending, nowMs);
            }
        }
    }

    synchronized List<DeliveryAttempt> deliveries() {
        return deliveryLog.snapshot();
    }

    synchronized Stats stats() {
        return new Stats(attempts, failedAttempts, delivered, undelivered, droppedAlerts, groups.size());
    }

    /** Whether no HTTP request is waiting for its answer (notifications may still wait for a retry). */
    synchronized boolean requestsAnswered() {
        return groups.values().stream().allMatch(g -> g.pending == null || !g.pending.requestRunning);
    }

    private Labels groupLabels(Labels labels) {
        if (config.groupsByAll()) {
            return labels;
        }
        Labels.Builder builder = Labels.builder();
        for (String name : config.groupBy()) {
            if (labels.has(name)) {
                builder.set(name, labels.get(name));
            }
        }
        return builder.build();
    }

    private void flush(AggregationGroup group, long nowMs, Muting muting) {
        group.nextFlushMs = nowMs + config.groupInterval().toMillis();
        group.hasFlushed = true;
        if (group.isEmpty()) {
            groups.remove(group.groupLabels);
            return;
        }
        List<AggregationGroup.Flushed> flushed = group.snapshot(nowMs);
        Set<Labels> firing = new HashSet<>();
        Set<Labels> resolved = new HashSet<>();
        List<AggregationGroup.Flushed> toSend = new ArrayList<>(flushed.size());
        for (AggregationGroup.Flushed f : flushed) {
            if (muting.mutes(f.alert().labels())) {
                continue; // Alertmanager's inhibition and silencing stages drop muted alerts before dedup
            }
            (f.resolved() ? resolved : firing).add(f.alert().labels());
            if (!f.resolved() || config.sendResolved()) {
                toSend.add(f);
            }
        }
        if (firing.isEmpty() && resolved.isEmpty()) {
            // Everything muted: Alertmanager's pipeline stops before dedup, so the notification log is kept.
            completed(group, flushed);
            return;
        }
        if (!needsUpdate(notificationLog.get(config.name(), group.key, nowMs), firing, resolved, nowMs)) {
            completed(group, flushed);
            return;
        }
        if (toSend.isEmpty()) {
            // Only resolved alerts and send_resolved off: nothing to send, but the log must forget the firing ones.
            notificationLog.log(config.name(), group.key, firing, resolved, nowMs, expiryMs());
            completed(group, flushed);
            return;
        }
        int truncated = 0;
        if (config.maxAlerts() > 0 && toSend.size() > config.maxAlerts()) {
            truncated = toSend.size() - config.maxAlerts();
            toSend = toSend.subList(0, config.maxAlerts());
        }
        String payload = WebhookPayload.encode(config.name(), group.key, group.groupLabels, toSend, truncated, externalUrl);
        group.pending = new PendingNotification(flushed, firing, resolved, payload.getBytes(StandardCharsets.UTF_8),
                toSend.size(), nowMs);
    }

    /** Alertmanager's {@code DedupStage.needsUpdate}. */
    private boolean needsUpdate(NotificationLog.Entry entry, Set<Labels> firing, Set<Labels> resolved, long nowMs) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !entry.firing().isEmpty();
        }
        if (config.sendResolved() && !entry.resolved().containsAll(resolved)) {
            return true;
        }
        return entry.timeMs() < nowMs - config.repeatInterval().toMillis();
    }

    private void attemptIfDue(AggregationGroup group, PendingNotification pending, long nowMs) {
        if (pending.requestRunning) {
            return;
        }
        // The deadline cuts a backoff short, as Alertmanager's flush context does.
        if (pending.attempts > 0 && nowMs - pending.startedMs >= config.retry().deadlineMs(config.groupInterval())) {
            undelivered++;
            deliveryLog.add(new DeliveryAttempt(nowMs, group.key, DeliveryAttempt.Outcome.GAVE_UP, pending.attempts, 0,
                    "notify retry canceled after " + pending.attempts + " attempts: retry deadline passed", pending.alerts));
            group.pending = null;
            return;
        }
        if (nowMs < pending.nextAttemptMs) {
            return;
        }
        pending.attempts++;
        pending.requestRunning = true;
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Sightline")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pending.payload))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    answered(group, pending, response == null ? 0 : response.statusCode(), failure);
                    return null;
                });
    }

    private synchronized void answered(AggregationGroup group, PendingNotification pending, int status, Throwable failure) {
        long nowMs = clock.millis();
        pending.requestRunning = false;
        attempts++;
        if (failure == null && status / 100 == 2) {
            delivered++;
            deliveryLog.add(new DeliveryAttempt(nowMs, group.key, DeliveryAttempt.Outcome.DELIVERED, pending.attempts,
                    status, "", pending.alerts));
            notificationLog.log(config.name(), group.key, pending.firing, pending.resolved, nowMs, expiryMs());
            group.pending = null;
            completed(group, pending.flushed);
            return;
        }
        failedAttempts++;
        // Alertmanager's webhook retrier: 5xx and transport errors are worth retrying, other answers are not.
        boolean retriable = failure != null || status / 100 == 5;
        String error = failure != null ? describe(failure) : "unexpected status code " + status;
        boolean more = config.retry().maxAttempts() == 0 || pending.attempts < config.retry().maxAttempts();
        if (retriable && more) {
            pending.nextAttemptMs = nowMs + config.retry().backoffMs(pending.attempts, random);
            deliveryLog.add(new DeliveryAttempt(nowMs, group.key, DeliveryAttempt.Outcome.RETRYING, pending.attempts,
                    status, error, pending.alerts));
            return;
        }
        undelivered++;
        deliveryLog.add(new DeliveryAttempt(nowMs, group.key, DeliveryAttempt.Outcome.FAILED, pending.attempts, status,
                error, pending.alerts));
        LOG.log(Level.WARNING, "Notify for receiver " + config.name() + " group " + group.key + " failed after "
                + pending.attempts + " attempts: " + error);
        group.pending = null;
    }

    /** A flush that needed no (more) delivery: resolved alerts are forgotten, an empty group goes away. */
    private void completed(AggregationGroup group, List<AggregationGroup.Flushed> flushed) {
        group.deleteResolved(flushed);
        if (group.isEmpty() && group.pending == null && groups.get(group.groupLabels) == group) {
            groups.remove(group.groupLabels);
        }
    }

    /** Alertmanager asks its notification log to keep an entry for twice the repeat interval. */
    private long expiryMs() {
        return 2 * config.repeatInterval().toMillis();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "request timed out";
        }
        String message = cause.getMessage();
        String kind = cause instanceof IOException ? cause.getClass().getSimpleName() : cause.getClass().getName();
        return message == null || message.isEmpty() ? kind : kind + ": " + message;
    }
}
