package io.sightline.ingest.export;

import java.io.Closeable;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.wal.WalEntryBuffer;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * One exporter's tailer of one signal's WAL: on its own low-priority platform thread it reads the
 * entries after its {@link ExportPosition}, encodes them into a batch ({@link BatchEncoder}), sends
 * the batch ({@link ExportTransport}; a sharded batch's requests in parallel) and only after every
 * request was answered moves its position on. So what Sightline acknowledged is forwarded at least
 * once, in WAL order, across restarts (a crash resends at most the batches since the last saved
 * position) and outages.
 *
 * <p>A retryable answer sends the same requests again after {@link RetryPolicy}'s backoff (honouring
 * Retry-After), for as long as the batch is within the {@link BacklogBound}; past it, the batch and
 * then the oldest entries are dropped and counted with the reason. A rejecting answer counts the
 * request's items as failed and moves on: the same bytes can never succeed.
 *
 * <p>Thread-safety: {@link #start()}, {@link #state()} and {@link #close()} from any thread; the
 * encoder and transport are used on the tailer's thread (the transport also on the exporter's shard
 * sender threads for a sharded batch).
 */
final class SignalExporter implements Closeable {
    private static final Logger LOG = Logger.getLogger(SignalExporter.class.getName());
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long BOUND_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often a moved position is saved: bounds what a crash resends, and the fsyncs it costs. */
    private static final long SAVE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String exporter;
    private final Signal signal;
    private final WriteAheadLog wal;
    private final BatchEncoder encoder;
    private final ExportTransport transport;
    private final ExportPosition position;
    private final BatchLimits batch;
    private final RetryPolicy retry;
    private final BacklogBound bound;
    private final ExportMetrics metrics;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Thread thread;
    /**
     * Send a sharded batch's other requests while the tailer sends the first: low-priority platform
     * threads named after the exporter (made when a batch needs them, gone after a minute idle), so
     * forwarding, compression included, waits behind the receivers as the tailer does, and its CPU
     * shows under its own name in thread listings and the benchmark.
     */
    private final ExecutorService shardSenders;
    private final AtomicLong sentItems = new AtomicLong();
    private final AtomicLong failedItems = new AtomicLong();
    private final AtomicLong droppedItems = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean retrying;
    private volatile long forwardedIndex;
    private volatile String lastError = "";
    private volatile long lastErrorAtMillis;
    private long savedAtNanos;
    private long boundCheckedAtNanos;
    private boolean boundCheckDue = true;
    private long dropRunEntries;
    private long dropRunItems;
    private String dropRunReason = "";
    private long loggedAtNanos = -LOG_INTERVAL_NANOS;

    SignalExporter(String exporter, Signal signal, WriteAheadLog wal, BatchEncoder encoder, ExportTransport transport,
            ExportPosition position, BatchLimits batch, RetryPolicy retry, BacklogBound bound, ExportMetrics metrics,
            InstantSource clock, RandomGenerator random) {
        this.exporter = exporter;
        this.signal = signal;
        this.wal = wal;
        this.encoder = encoder;
        this.transport = transport;
        this.position = position;
        this.batch = batch;
        this.retry = retry;
        this.bound = bound;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.forwardedIndex = position.savedIndex();
        this.thread = Thread.ofPlatform().name("export-" + exporter + "-" + signal.walName()).daemon().unstarted(this::run);
        this.shardSenders = Executors.newCachedThreadPool(
                BackgroundThreads.factory("export-" + exporter + "-" + signal.walName() + "-send"));
    }

    /** The name this exporter keeps WAL cycle files under. */
    String consumerName() {
        return "export-" + exporter;
    }

    /**
     * Registers on the WAL (replacing an earlier tailer of the same exporter) and starts from the
     * saved position, read again: a tailer it replaces may have moved it since this one was built.
     */
    void start() {
        position.reread();
        forwardedIndex = position.savedIndex();
        wal.registerExporter(consumerName(), position::savedIndex);
        thread.start();
    }

    Signal signal() {
        return signal;
    }

    long savedIndex() {
        return position.savedIndex();
    }

    /** Stops as {@link #close()}; {@code unregister}: the exporter is gone, the WAL need keep nothing for it. */
    void stop(boolean unregister) {
        close();
        if (unregister) {
            wal.unregisterExporter(consumerName());
        }
    }

    /** Gives up a tailer that was built but never started. */
    void discard() {
        transport.close();
    }

    ExporterState state() {
        long lag = wal.entriesAfter(forwardedIndex);
        double lagSeconds = lag == 0 ? 0 : Math.max(0, clock.millis() - wal.writtenByMillis(forwardedIndex + 1)) / 1000.0;
        return new ExporterState(exporter, signal.walName(), transport.target(), position.savedIndex(), lag, lagSeconds,
                sentItems.get(), failedItems.get(), droppedItems.get(), retries.get(), lastError, lastErrorAtMillis,
                retrying);
    }

    /** Whether the thread runs (or was closed on purpose). */
    boolean healthy() {
        return closing || thread.isAlive();
    }

    /**
     * Stops: a batch being retried stays unforwarded (sent again after a restart); the position
     * reached is saved. Closes the transport.
     */
    @Override
    public void close() {
        closing = true;
        if (thread.isAlive()) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shardSenders.shutdown(); // a send still running ends when the transport closes
        transport.close();
    }

    private void run() {
        BackgroundThreads.lowerCurrentThreadPriority();
        long firstPendingNanos = 0;
        long firstPendingIndex = -1;
        long lastPendingIndex = -1;
        try (WalReader reader = wal.reader(forwardedIndex)) {
            WalEntryBuffer read = new WalEntryBuffer();
            while (!closing) {
                if (reader.next(read)) {
                    if (lastPendingIndex < 0 && boundCheckDue()) {
                        String reason = pastBound(read.index(), read.length());
                        if (reason != null) {
                            drop(read, reason);
                            continue;
                        }
                    }
                    endDropRun();
                    addToBatch(read);
                    if (lastPendingIndex < 0) {
                        firstPendingNanos = System.nanoTime();
                        firstPendingIndex = read.index();
                    }
                    lastPendingIndex = read.index();
                    if (encoder.pendingBytes() >= batch.maxBytes()) {
                        if (!send(firstPendingIndex, lastPendingIndex)) {
                            break;
                        }
                        encoder.splitNextBatch(true);
                        lastPendingIndex = -1;
                    }
                } else if (lastPendingIndex >= 0
                        && System.nanoTime() - firstPendingNanos >= batch.maxDelay().toNanos()) {
                    if (!send(firstPendingIndex, lastPendingIndex)) {
                        break;
                    }
                    encoder.splitNextBatch(false);
                    lastPendingIndex = -1;
                } else {
                    endDropRun();
                    saveIfDue(false);
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "exporter '" + exporter + "' stopped forwarding " + signal.walName() + " at WAL index "
                    + forwardedIndex, e);
        } finally {
            endDropRun();
            saveIfDue(true);
        }
    }

    private void addToBatch(WalEntryBuffer read) {
        try {
            encoder.add(read.array(), read.length());
        } catch (CorruptEntryException e) {
            droppedItems.incrementAndGet();
            metrics.dropped(exporter, signal.walName(), "corrupt", 1);
            logRateLimited(Level.WARNING, "exporter '" + exporter + "' skips corrupt " + signal.walName()
                    + " WAL entry " + read.index() + ": " + e.getMessage());
        }
    }

    /** Checked before a batch starts, at most every 100 ms while within the bound, every entry while past it. */
    private boolean boundCheckDue() {
        long now = System.nanoTime();
        if (!boundCheckDue && now - boundCheckedAtNanos < BOUND_CHECK_NANOS) {
            return false;
        }
        boundCheckDue = false;
        boundCheckedAtNanos = now;
        return true;
    }

    /** Drops an entry read past the bound: its items are counted, the position moves past it. */
    private void drop(WalEntryBuffer read, String reason) {
        long items;
        try {
            items = encoder.add(read.array(), read.length());
        } catch (CorruptEntryException e) {
            items = 1;
        }
        encoder.drain();
        forwardedIndex = read.index();
        droppedItems.addAndGet(items);
        metrics.dropped(exporter, signal.walName(), reason, items);
        if (dropRunEntries++ == 0) {
            dropRunReason = reason;
        }
        dropRunItems += items;
        boundCheckDue = true;
    }

    /** After a run of dropped entries: one log line for it, and the position saved. */
    private void endDropRun() {
        if (dropRunEntries > 0) {
            logDrop(dropRunItems, dropRunReason, dropRunEntries + " WAL entries past the backlog bound");
            dropRunEntries = 0;
            dropRunItems = 0;
            saveIfDue(true);
        }
    }

    /**
     * Why the entry at {@code index} ({@code length} bytes) is past the bound ("max_age",
     * "max_bytes"), or null when it is within it.
     */
    private String pastBound(long index, long length) {
        if (clock.millis() - wal.writtenByMillis(index) > bound.maxAge().toMillis()) {
            return "max_age";
        }
        if (bound.maxBytes() > 0 && wal.bytesAfter(index) + length > bound.maxBytes()) {
            return "max_bytes";
        }
        return null;
    }

    /**
     * Sends the pending batch (WAL entries {@code firstIndex} to {@code lastIndex}) until every
     * request is answered, then moves the position to {@code lastIndex}.
     *
     * @return false when closing interrupted a retry (nothing moved)
     */
    private boolean send(long firstIndex, long lastIndex) {
        List<ExportRequest> outstanding = new ArrayList<>(encoder.drain());
        int attempt = 0;
        while (!outstanding.isEmpty()) {
            List<SendOutcome> outcomes = sendAll(outstanding);
            List<ExportRequest> again = new ArrayList<>();
            Duration retryAfter = null;
            for (int i = 0; i < outstanding.size(); i++) {
                ExportRequest request = outstanding.get(i);
                switch (outcomes.get(i)) {
                    case SendOutcome.Accepted accepted -> {
                        metrics.request(exporter, signal.walName(), "accepted");
                        long refused = Math.min(accepted.rejectedItems(), request.items());
                        if (refused > 0) {
                            failure("partial success, " + refused + " " + signal.items() + " refused: " + accepted.message());
                        }
                        counted(request.items() - refused, refused);
                    }
                    case SendOutcome.Rejected rejected -> {
                        metrics.request(exporter, signal.walName(), "rejected");
                        failure("rejected: " + rejected.reason());
                        counted(0, request.items());
                    }
                    case SendOutcome.Retryable retryable -> {
                        metrics.request(exporter, signal.walName(), "retryable");
                        again.add(request);
                        failure(retryable.reason());
                        if (retryable.retryAfter() != null
                                && (retryAfter == null || retryable.retryAfter().compareTo(retryAfter) > 0)) {
                            retryAfter = retryable.retryAfter();
                        }
                    }
                }
            }
            outstanding = again;
            if (outstanding.isEmpty()) {
                break;
            }
            String reason = pastBound(firstIndex, 0);
            if (reason != null) {
                long items = outstanding.stream().mapToLong(ExportRequest::items).sum();
                droppedItems.addAndGet(items);
                metrics.dropped(exporter, signal.walName(), reason, items);
                logDrop(items, reason, "a batch the target did not take before it passed the backlog bound");
                boundCheckDue = true;
                break;
            }
            retrying = true;
            Duration wait = retry.delay(attempt++, retryAfter, random);
            long until = System.nanoTime() + wait.toNanos();
            while (!closing && System.nanoTime() < until) {
                LockSupport.parkNanos(Math.min(until - System.nanoTime(), BOUND_CHECK_NANOS));
            }
            if (closing) {
                return false;
            }
            retries.addAndGet(outstanding.size());
            for (int i = 0; i < outstanding.size(); i++) {
                metrics.retry(exporter, signal.walName());
            }
        }
        retrying = false;
        forwardedIndex = lastIndex;
        saveIfDue(false);
        return true;
    }

    private List<SendOutcome> sendAll(List<ExportRequest> requests) {
        if (requests.size() == 1) {
            return List.of(transport.send(requests.getFirst()));
        }
        List<CompletableFuture<SendOutcome>> others = new ArrayList<>();
        for (ExportRequest request : requests.subList(1, requests.size())) {
            others.add(CompletableFuture.supplyAsync(() -> transport.send(request), shardSenders));
        }
        List<SendOutcome> outcomes = new ArrayList<>(requests.size());
        outcomes.add(transport.send(requests.getFirst()));
        others.forEach(other -> outcomes.add(other.join()));
        return outcomes;
    }

    private void counted(long sent, long failed) {
        if (sent > 0) {
            sentItems.addAndGet(sent);
            metrics.sent(exporter, signal.walName(), sent);
        }
        if (failed > 0) {
            failedItems.addAndGet(failed);
            metrics.failed(exporter, signal.walName(), failed);
        }
    }

    private void logDrop(long items, String reason, String what) {
        LOG.warning("exporter '" + exporter + "' dropped " + items + " " + signal.items() + " (" + what + ", "
                + reason + ": " + (reason.equals("max_age") ? "older than " + bound.maxAge()
                : "over " + bound.maxBytes() + " bytes waiting") + "); last error: " + lastError);
    }

    private void failure(String message) {
        lastError = message;
        lastErrorAtMillis = clock.millis();
        logRateLimited(Level.WARNING, "exporter '" + exporter + "' (" + signal.walName() + " to " + transport.target()
                + "): " + message);
    }

    private void logRateLimited(Level level, String message) {
        long now = System.nanoTime();
        if (now - loggedAtNanos >= LOG_INTERVAL_NANOS) {
            loggedAtNanos = now;
            LOG.log(level, message + " (similar messages are logged at most once a minute)");
        } else {
            LOG.log(Level.FINE, message);
        }
    }

    private void saveIfDue(boolean now) {
        long forwarded = forwardedIndex;
        if (forwarded == position.savedIndex()) {
            return;
        }
        long nanos = System.nanoTime();
        if (now || nanos - savedAtNanos >= SAVE_INTERVAL_NANOS) {
            position.save(forwarded);
            savedAtNanos = nanos;
        }
    }
}
