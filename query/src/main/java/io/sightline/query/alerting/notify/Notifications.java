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
 * Alertmanagers ({@link AlertmanagerSender}) and to the built-in webhook receivers
 * ({@link WebhookDispatcher}). {@link #start} starts the sender thread and a daemon thread that ticks
 * the dispatcher; {@link #close} stops both. Thread-safe.
 */
public final class Notifications implements AlertNotifier, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    private final NotificationConfig config;
    private final AlertmanagerSender sender;
    private final WebhookDispatcher dispatcher;
    private ScheduledExecutorService ticker;

    /** @param random draws retry jitter; must be thread-safe ({@link Random} is) */
    public Notifications(NotificationConfig config, InstantSource clock, RandomGenerator random) {
        this.config = config;
        this.sender = new AlertmanagerSender(config.alertmanagers());
        this.dispatcher = new WebhookDispatcher(config.receivers(), config.externalUrl(), clock, random);
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
                dispatcher.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Webhook dispatcher tick failed", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void send(List<PostableAlert> alerts) {
        sender.send(alerts);
        dispatcher.send(alerts);
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
