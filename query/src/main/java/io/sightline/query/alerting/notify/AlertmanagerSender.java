package io.sightline.query.alerting.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.PostableAlert;

/**
 * Sends alerts to external Alertmanagers as Prometheus's notifier ({@code notifier/notifier.go}) does:
 * {@link #send} appends to one bounded queue (the oldest alerts dropped and counted when it is full,
 * never blocking the rule engine); one sender thread takes up to {@code maxBatchSize} alerts at a time
 * and POSTs them as one JSON array to {@code {url}/api/v2/alerts} of every Alertmanager at once, each
 * POST bounded by {@code timeout}. There is no retry: Prometheus relies on the rule engine sending firing
 * alerts again every resend delay. Counters per Alertmanager: alerts sent (in successful POSTs) and
 * alerts in failed POSTs; a batch that reached no Alertmanager counts its alerts as dropped, as does
 * a queue overflow ({@code prometheus_notifications_sent_total}, {@code _errors_total},
 * {@code _dropped_total}). Thread-safe.
 */
public final class AlertmanagerSender implements AlertNotifier, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AlertmanagerSender.class.getName());

    /** Counters for /metrics, per Alertmanager base URL where Prometheus labels them by {@code alertmanager}. */
    public record Stats(Map<URI, Long> sent, Map<URI, Long> errors, long dropped, int queueLength, int queueCapacity) {
    }

    private final AlertmanagerSenderConfig config;
    private final HttpClient client;
    private final Map<URI, URI> endpoints = new LinkedHashMap<>();
    private final Map<URI, AtomicLong> sent = new LinkedHashMap<>();
    private final Map<URI, AtomicLong> errors = new LinkedHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    private final ArrayDeque<PostableAlert> queue = new ArrayDeque<>();
    private boolean closed;
    private Thread worker;

    public AlertmanagerSender(AlertmanagerSenderConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        for (URI base : config.alertmanagers()) {
            endpoints.put(base, AlertmanagerSenderConfig.alertsEndpoint(base));
            sent.put(base, new AtomicLong());
            errors.put(base, new AtomicLong());
        }
    }

    /** Starts the sender thread (a daemon). Idempotent. */
    public void start() {
        lock.lock();
        try {
            if (worker == null && !closed) {
                worker = Thread.ofPlatform().daemon().name("sightline-alertmanager-sender").start(this::run);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code alerts}; drops the oldest queued ones beyond the capacity. Never blocks on the network. */
    @Override
    public void send(List<PostableAlert> alerts) {
        if (endpoints.isEmpty() || alerts.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                dropped.addAndGet(alerts.size());
                return;
            }
            List<PostableAlert> incoming = alerts;
            int tooMany = incoming.size() - config.queueCapacity();
            if (tooMany > 0) {
                incoming = incoming.subList(tooMany, incoming.size());
                dropped.addAndGet(tooMany);
            }
            int overflow = queue.size() + incoming.size() - config.queueCapacity();
            for (int i = 0; i < overflow; i++) {
                queue.pollFirst();
            }
            if (overflow > 0) {
                dropped.addAndGet(overflow);
                LOG.warning("Alert notification queue full, dropped " + overflow + " oldest alerts");
            }
            queue.addAll(incoming);
            more.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        Map<URI, Long> sentNow = new LinkedHashMap<>();
        Map<URI, Long> errorsNow = new LinkedHashMap<>();
        sent.forEach((url, n) -> sentNow.put(url, n.get()));
        errors.forEach((url, n) -> errorsNow.put(url, n.get()));
        return new Stats(sentNow, errorsNow, dropped.get(), queueLength(), config.queueCapacity());
    }

    int queueLength() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the next batch (if any) to every Alertmanager and waits for the answers.
     *
     * @return whether there was a batch
     */
    boolean sendNextBatch() {
        List<PostableAlert> batch = new ArrayList<>();
        lock.lock();
        try {
            while (batch.size() < config.maxBatchSize() && !queue.isEmpty()) {
                batch.add(queue.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        if (batch.isEmpty()) {
            return false;
        }
        if (!sendAll(batch)) {
            dropped.addAndGet(batch.size());
        }
        return true;
    }

    /** Whether at least one Alertmanager took the batch. */
    private boolean sendAll(List<PostableAlert> batch) {
        byte[] body = PostableAlertsJson.encode(batch).getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        endpoints.forEach((base, endpoint) -> {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Sightline")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                String problem = failure != null ? String.valueOf(failure.getCause() != null ? failure.getCause() : failure)
                        : response.statusCode() / 100 != 2 ? "bad response status " + response.statusCode() : null;
                if (problem == null) {
                    sent.get(base).addAndGet(batch.size());
                    return true;
                }
                errors.get(base).addAndGet(batch.size());
                LOG.log(Level.WARNING, "Error sending " + batch.size() + " alerts to " + endpoint + ": " + problem);
                return false;
            }));
        });
        boolean any = false;
        for (CompletableFuture<Boolean> answer : answers) {
            any |= answer.join();
        }
        return any;
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    more.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
            } finally {
                lock.unlock();
            }
            try {
                sendNextBatch();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Sending alerts failed", e);
            }
        }
    }

    /** Stops taking alerts; the sender thread sends what is queued (each POST bounded by the timeout), then ends. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            more.signalAll();
            running = worker;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            try {
                running.join(config.timeout().multipliedBy(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
