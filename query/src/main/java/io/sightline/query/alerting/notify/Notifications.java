package io.sightline.query.alerting.notify;

import java.io.UncheckedIOException;
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
 * webhook receivers ({@link WebhookDispatcher}, which leaves muted alerts out) with their
 * {@link NotificationLog}. {@link #start} starts the sender thread and a daemon thread that ticks the
 * dispatcher, drops resolved alerts and long-expired silences every {@code alertGcInterval}, and drops
 * expired notification log entries and writes the log every {@code notificationLog.snapshotInterval};
 * {@link #close} stops both and writes the notification log a last time. Thread-safe.
 */
public final class Notifications implements AlertNotifier, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());
    /** A tick does no network I/O, so it ends within milliseconds; this only bounds a stuck disk. */
    private static final long TICK_STOP_TIMEOUT_SECONDS = 10;

    private final NotificationConfig config;
    private final AlertmanagerSender sender;
    private final WebhookDispatcher dispatcher;
    private final InstantSource clock;
    private final AlertStore alerts;
    private final Silences silences;
    private final List<InhibitRule> inhibitRules;
    private final NotificationLog notificationLog;
    private ScheduledExecutorService ticker;
    /** Guards the two times below; not {@code this}, which {@link #close} holds while a tick finishes. */
    private final Object maintenanceTimes = new Object();
    private long lastGcMs;
    private long lastSnapshotMs;

    /**
     * Reads the persisted silences (see {@link Silences#Silences}) and notification log (see
     * {@link NotificationLog#NotificationLog}); a corrupt file stops the construction, naming it.
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
        this.notificationLog = new NotificationLog(config.notificationLog(), clock.millis());
        this.dispatcher = new WebhookDispatcher(config.receivers(), config.externalUrl(), clock, random, this::muting,
                notificationLog);
        this.lastGcMs = clock.millis();
        this.lastSnapshotMs = lastGcMs;
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

    /**
     * Fires what is due in the webhook dispatcher; every {@code alertGcInterval} drops what is old, and
     * every {@code notificationLog.snapshotInterval} drops expired log entries and writes the log. A failed
     * write is logged and tried again at the next interval (Alertmanager logs a failed maintenance too).
     */
    public void tick() {
        dispatcher.tick();
        long now = clock.millis();
        boolean gcDue;
        boolean snapshotDue;
        synchronized (maintenanceTimes) {
            gcDue = now - lastGcMs >= config.alertGcInterval().toMillis();
            if (gcDue) {
                lastGcMs = now;
            }
            snapshotDue = now - lastSnapshotMs >= config.notificationLog().snapshotInterval().toMillis();
            if (snapshotDue) {
                lastSnapshotMs = now;
            }
        }
        if (gcDue) {
            alerts.gc(now);
            silences.maintenance();
        }
        if (snapshotDue) {
            try {
                notificationLog.maintenance(now);
            } catch (UncheckedIOException e) {
                LOG.log(Level.WARNING, "Writing the notification log failed; the next snapshot tries again", e);
            }
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

    /** Entries in the webhook receivers' notification log, expired ones not yet dropped included. */
    int notificationLogSize() {
        return notificationLog.size();
    }

    /**
     * Stops the ticker (waiting for a tick in progress, so its snapshot cannot overwrite the last one),
     * drains the sender, abandons webhook deliveries in flight, and writes the notification log.
     */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdown(); // cancels the periodic tick; one in progress finishes
            try {
                if (!ticker.awaitTermination(TICK_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warning("The notify ticker did not stop within " + TICK_STOP_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
        dispatcher.close();
        try {
            notificationLog.snapshot();
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "Writing the notification log at shutdown failed", e);
        }
    }
}
