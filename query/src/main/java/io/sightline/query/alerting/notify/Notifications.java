package io.sightline.query.alerting.notify;

import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.PostableAlert;

/**
 * The one {@link AlertNotifier} the appliance hands the rule engine: every alert goes to the external
 * Alertmanagers ({@link AlertmanagerSender}) and to the built-in notifier, a small Alertmanager: its
 * alert store (listed by {@link AlertmanagerApi}), its {@link Silences}, its inhibition rules and its
 * webhook receivers ({@link WebhookDispatcher}, which leaves muted alerts out). {@link #start} starts the
 * sender thread and a daemon thread that ticks the dispatcher and drops resolved alerts and long-expired
 * silences every {@code alertGcInterval}; {@link #close} stops both. Thread-safe.
 */
public final class Notifications implements AlertNotifier, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    private final NotificationConfig config;
    private final AlertmanagerSender sender;
    private final WebhookDispatcher dispatcher;
    private final InstantSource clock;
    private final AlertStore alerts;
    private final Silences silences;
    private final List<InhibitRule> inhibitRules;
    private ScheduledExecutorService ticker;
    private long lastGcMs;

    /**
     * Reads the persisted silences (see {@link Silences#Silences}).
     *
     * @param random draws retry jitter; must be thread-safe ({@link Random} is)
     */
    public Notifications(NotificationConfig config, InstantSource clock, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.sender = new AlertmanagerSender(config.alertmanagers());
        this.alerts = new AlertStore(config.maxAlerts());
        this.silences = new Silences(config.silences(), clock);
        this.inhibitRules = config.inhibition().effectiveRules();
        this.dispatcher = new WebhookDispatcher(config.receivers(), config.externalUrl(), clock, random, this::muting);
        this.lastGcMs = clock.millis();
    }

    /** Builds and starts the notifiers of {@code config}. */
    public static Notifications start(NotificationConfig config, InstantSource clock) {
        Notifications notifications = new Notifications(config, clock, new Random());
        notifications.start();
        return notifications;
    }

    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        sender.start();
        ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sightline-notify-ticker").factory());
        long periodMs = config.tickInterval().toMillis();
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Webhook dispatcher tick failed", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** To the external Alertmanagers and the built-in notifier. */
    @Override
    public void send(List<PostableAlert> alerts) {
        sender.send(alerts);
        receive(alerts);
    }

    /**
     * To the built-in notifier only: alerts posted to Sightline's own {@code /api/v2/alerts} (from other
     * Prometheus servers) are not passed on to the external Alertmanagers.
     */
    public void receive(List<PostableAlert> received) {
        alerts.put(received, clock.millis());
        dispatcher.send(received);
    }

    /** Fires what is due in the webhook dispatcher and, every {@code alertGcInterval}, drops what is old. */
    public void tick() {
        dispatcher.tick();
        long now = clock.millis();
        boolean gcDue;
        synchronized (this) {
            gcDue = now - lastGcMs >= config.alertGcInterval().toMillis();
            if (gcDue) {
                lastGcMs = now;
            }
        }
        if (gcDue) {
            alerts.gc(now);
            silences.maintenance();
        }
    }

    public Silences silences() {
        return silences;
    }

    /** Whether, and by what, the alert with {@code labels} is muted now. */
    public AlertStatus status(io.sightline.storage.tsdb.Labels labels) {
        return muting(clock.millis()).status(labels);
    }

    public NotificationConfig config() {
        return config;
    }

    /** Alerts dropped because {@code maxAlerts} label sets were kept. */
    public long droppedAlerts() {
        return alerts.dropped();
    }

    Muting muting(long nowMs) {
        return Muting.at(nowMs, silences, inhibitRules, alerts);
    }

    AlertStore alertStore() {
        return alerts;
    }

    InstantSource clock() {
        return clock;
    }

    public AlertmanagerSender alertmanagerSender() {
        return sender;
    }

    public WebhookDispatcher webhookDispatcher() {
        return dispatcher;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        sender.close();
        dispatcher.close();
    }
}
