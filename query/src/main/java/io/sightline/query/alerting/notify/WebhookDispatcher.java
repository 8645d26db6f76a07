package io.sightline.query.alerting.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.PostableAlert;

/**
 * A built-in miniature Alertmanager for webhook receivers: every receiver acts as an Alertmanager whose
 * root route sends all alerts to it with its {@code group_by}, timers and {@code send_resolved}; the
 * payload is Alertmanager's webhook JSON (version 4). Alerts muted by a silence or an inhibition rule
 * are left out of notifications, as Alertmanager's muting stages do. What each receiver notified is kept
 * in a {@link NotificationLog}: in memory when built with the public constructor, persisted in
 * {@code nflog.json} when {@link Notifications} builds it from {@link NotificationConfig#notificationLog()},
 * so a restart does not notify again what was notified within {@code repeat_interval}.
 *
 * <p>Time is the injected clock's: {@link #send} files alerts into groups at the clock's now, and
 * {@link #tick} (called every {@link NotificationConfig#tickInterval()} by {@link Notifications}, or by a
 * test after moving a manual clock) fires the group timers and the retry backoffs that are due. HTTP
 * runs asynchronously on the client's threads; its answers are filed when they arrive. Thread-safe.
 */
public final class WebhookDispatcher implements AlertNotifier, AutoCloseable {
    /** Counters and size of one receiver, for /metrics. */
    public record ReceiverStats(long attempts, long failedAttempts, long delivered, long undelivered,
                                long droppedAlerts, int groups) {
    }

    private final InstantSource clock;
    private final LongFunction<Muting> muting;
    private final HttpClient client;
    private final Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();

    /**
     * @param externalUrl the payload's {@code externalURL}: where people find these alerts (Sightline's URL)
     * @param random      draws the backoff jitter; used from several threads, so it must be thread-safe
     *                    (e.g. {@link java.util.Random})
     */
    public WebhookDispatcher(List<WebhookReceiverConfig> configs, String externalUrl, InstantSource clock,
                             RandomGenerator random) {
        this(configs, externalUrl, clock, random, nowMs -> Muting.NONE, NotificationLog.inMemory());
    }

    /**
     * @param muting          silences and inhibition at a given instant, asked once per {@link #tick}
     * @param notificationLog what was notified, shared by the receivers; its owner persists it
     */
    WebhookDispatcher(List<WebhookReceiverConfig> configs, String externalUrl, InstantSource clock,
                      RandomGenerator random, LongFunction<Muting> muting, NotificationLog notificationLog) {
        this.clock = clock;
        this.muting = muting;
        Duration connectTimeout = configs.stream().map(WebhookReceiverConfig::timeout).max(Duration::compareTo)
                .orElse(WebhookReceiverConfig.DEFAULT_TIMEOUT);
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        for (WebhookReceiverConfig config : configs) {
            if (receivers.containsKey(config.name())) {
                throw new IllegalArgumentException("receiver name used twice: " + config.name());
            }
            receivers.put(config.name(), new WebhookReceiver(config, externalUrl, clock, random, client, notificationLog));
        }
    }

    /** Files {@code alerts} into every receiver's groups; never blocks on the network. */
    @Override
    public void send(List<PostableAlert> alerts) {
        long nowMs = clock.millis();
        for (WebhookReceiver receiver : receivers.values()) {
            for (PostableAlert alert : alerts) {
                receiver.insert(alert, nowMs);
            }
        }
    }

    /** Fires the group timers and retries that are due at the clock's now. */
    public void tick() {
        long nowMs = clock.millis();
        Muting now = muting.apply(nowMs);
        for (WebhookReceiver receiver : receivers.values()) {
            receiver.tick(nowMs, now);
        }
    }

    public List<String> receiverNames() {
        return List.copyOf(receivers.keySet());
    }

    /** The receiver's last delivery attempts, oldest first (at most its {@code deliveryLogSize}). */
    public List<DeliveryAttempt> deliveryLog(String receiver) {
        return receiver(receiver).deliveries();
    }

    public ReceiverStats stats(String receiver) {
        WebhookReceiver.Stats s = receiver(receiver).stats();
        return new ReceiverStats(s.attempts(), s.failedAttempts(), s.delivered(), s.undelivered(), s.droppedAlerts(),
                s.groups());
    }

    /** Whether no receiver's HTTP request waits for its answer (tests poll this after a tick). */
    boolean requestsAnswered() {
        return receivers.values().stream().allMatch(WebhookReceiver::requestsAnswered);
    }

    private WebhookReceiver receiver(String name) {
        WebhookReceiver receiver = receivers.get(name);
        if (receiver == null) {
            throw new NoSuchElementException("no webhook receiver named " + name + "; known: " + new ArrayList<>(receivers.keySet()));
        }
        return receiver;
    }

    /** Abandons notifications in flight: at shutdown they cannot be retried anyway. */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
