package io.sightline.appliance.jar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.sightline.appliance.compat.RemoteWriteBody;
import io.sightline.storage.tsdb.Labels;

/**
 * One client of the metrics crash test: sends Prometheus remote_write requests back to back, each
 * with one sample for every one of its series {@code crash_samples{client="<c>",series="<i>"}}, and
 * books every request in the shared {@link Ledger} as acknowledged (2xx) or not. Request number
 * {@code seq} (continuing across appliance restarts) carries the value {@link #value} in series
 * {@code i}, so a sample names the request it came from; its timestamp is the shared
 * {@link Timeline}'s next tick minus the client's lag. One thread uses an instance at a time.
 */
final class MetricSender {
    static final String METRIC = "crash_samples";

    private final int client;
    private final List<Labels> series;
    private final long lagMs;
    private long nextSeq;

    /**
     * @param lagMs how far this client's timestamps stay behind the timeline, so the WAL holds
     *              entries of an older block window after the first of a newer one (replay then
     *              meets samples a persisted block already holds)
     */
    MetricSender(int client, int seriesCount, long lagMs) {
        this.client = client;
        this.lagMs = lagMs;
        this.series = new ArrayList<>(seriesCount);
        for (int i = 0; i < seriesCount; i++) {
            series.add(Labels.of(Labels.METRIC_NAME, METRIC, "client", Integer.toString(client), "series", Integer.toString(i)));
        }
    }

    /** Value of request {@code seq} in series {@code series}: both are read back from it. */
    static double value(long seq, int series) {
        return seq * 1000.0 + series;
    }

    int client() {
        return client;
    }

    int seriesCount() {
        return series.size();
    }

    /** Sends until {@code stop} says so; connection failures (the appliance was killed) are booked, not thrown. */
    void sendUntil(BooleanSupplier stop, ApplianceClient appliance, Timeline timeline, Ledger ledger)
            throws IOException, InterruptedException {
        while (!stop.getAsBoolean()) {
            long seq = nextSeq++;
            long timestamp = timeline.next() - lagMs;
            List<RemoteWriteBody.TimeSeries> body = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                body.add(new RemoteWriteBody.TimeSeries(series.get(i),
                        List.of(new RemoteWriteBody.Point(timestamp, value(seq, i)))));
            }
            byte[] bytes = RemoteWriteBody.of(body);
            int status;
            try {
                status = appliance.remoteWrite(bytes);
            } catch (IOException e) {
                ledger.failed(client, seq, timestamp, e);
                continue;
            }
            if (status / 100 == 2) {
                ledger.acknowledged(client, seq, timestamp);
            } else {
                ledger.refused(client, seq, timestamp, status);
            }
        }
    }

    /**
     * Sample time shared by all clients: every request takes the next tick, {@code stepMs} apart, so
     * the clients' timestamps advance together however the appliance is restarted. Thread-safe.
     */
    static final class Timeline {
        private final long startMs;
        private final long stepMs;
        private final AtomicLong ticks = new AtomicLong();

        Timeline(long startMs, long stepMs) {
            this.startMs = startMs;
            this.stepMs = stepMs;
        }

        long next() {
            return startMs + ticks.getAndIncrement() * stepMs;
        }

        long startMs() {
            return startMs;
        }

        /** The newest timestamp handed out so far. */
        long lastMs() {
            return startMs + (ticks.get() - 1) * stepMs;
        }
    }

    /** Every request of every client by its (client, seq), with its timestamp. Thread-safe. */
    static final class Ledger {
        private final List<Map<Long, Long>> acknowledged = new ArrayList<>();
        private final List<Map<Long, Long>> unacknowledged = new ArrayList<>();
        private final AtomicLong acknowledgedCount = new AtomicLong();
        private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
        private final AtomicLong connectionFailures = new AtomicLong();
        private volatile String firstFailure = "";
        private volatile long target = Long.MAX_VALUE;
        private volatile CountDownLatch targetReached = new CountDownLatch(1);

        Ledger(int clients) {
            for (int c = 0; c < clients; c++) {
                acknowledged.add(new ConcurrentHashMap<>());
                unacknowledged.add(new ConcurrentHashMap<>());
            }
        }

        /** A latch that opens once {@code target} requests in all have been acknowledged. */
        CountDownLatch aim(long target) {
            CountDownLatch latch = new CountDownLatch(1);
            this.targetReached = latch;
            this.target = target;
            if (acknowledgedCount.get() >= target) {
                latch.countDown();
            }
            return latch;
        }

        void acknowledged(int client, long seq, long timestamp) {
            acknowledged.get(client).put(seq, timestamp);
            if (acknowledgedCount.incrementAndGet() >= target) {
                targetReached.countDown();
            }
        }

        void refused(int client, long seq, long timestamp, int status) {
            unacknowledged.get(client).put(seq, timestamp);
            refusals.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        void failed(int client, long seq, long timestamp, IOException e) {
            unacknowledged.get(client).put(seq, timestamp);
            if (connectionFailures.getAndIncrement() == 0) {
                firstFailure = e.toString();
            }
        }

        /** Acknowledged requests of {@code client}: seq to timestamp. */
        Map<Long, Long> acknowledged(int client) {
            return acknowledged.get(client);
        }

        /** Requests of {@code client} that failed or were refused: seq to timestamp. */
        Map<Long, Long> unacknowledged(int client) {
            return unacknowledged.get(client);
        }

        long acknowledgedCount() {
            return acknowledgedCount.get();
        }

        long unacknowledgedCount() {
            return unacknowledged.stream().mapToLong(Map::size).sum();
        }

        /** Requests answered with something other than 2xx, by status. */
        Map<Integer, Long> refusals() {
            Map<Integer, Long> counts = new TreeMap<>();
            refusals.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
        }

        long connectionFailures() {
            return connectionFailures.get();
        }

        String firstFailure() {
            return firstFailure;
        }
    }
}
