package io.sightline.query.api.loki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Headers;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;

/**
 * One {@code /tail} WebSocket. The upgrade is refused (and the HTTP route answers 400 with the reason)
 * when the parameters or query are bad or all tail slots are taken. Once open, the session subscribes
 * to the live records, then sends the look-back (at most {@code limit} entries from {@code start} to
 * now, oldest first), then the live entries as they come, each message
 * {@code {"streams":[...],"dropped_entries":[...]}}.
 *
 * <p>Threads: the store's applier calls {@link #offer} for every stored record: a label match and a
 * non-blocking offer to a bounded queue; a full queue drops the record and remembers its labels and
 * time for the next message's {@code dropped_entries}. The session's own virtual thread runs the
 * query's pipeline and is the only sender. Records stored while the look-back runs may appear in both;
 * identical entries of the look-back are not sent twice.
 */
final class TailSession implements WsListener {
    private static final Logger LOG = Logger.getLogger(TailSession.class.getName());
    private static final int BATCH = 256;

    private final TailEndpoint endpoint;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong droppedTotal = new AtomicLong();
    private BlockingQueue<LogTailSource.TailRecord> queue;
    private BlockingQueue<LogTailSource.TailRecord> dropped;
    private TailRequest request;
    private LogqlTailFilter.Pipeline pipeline;
    private boolean categorize;
    private boolean slotTaken;
    private LogTailSource.Subscription subscription;
    private Thread sender;
    /** Keys of look-back entries not yet seen again live (only the sender thread touches it). */
    private final Set<String> sent = new HashSet<>();

    TailSession(TailEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        try {
            request = TailRequest.read(LokiForm.of(prologue.query().rawValue()), LokiTimes.nanos(endpoint.clock),
                    endpoint.config);
            pipeline = endpoint.filter.compile(request.query());
        } catch (BadRequestException | LogqlQueryException e) {
            throw new WsUpgradeException(e.getMessage());
        }
        if (!endpoint.tryOpen()) {
            throw new WsUpgradeException(LokiApi.TOO_MANY_TAILS);
        }
        slotTaken = true;
        categorize = EncodingFlags.categorizeLabels(headers);
        queue = new ArrayBlockingQueue<>(endpoint.config.tailQueueCapacity());
        dropped = new ArrayBlockingQueue<>(Math.max(1, endpoint.config.maxDroppedReported()));
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        subscription = endpoint.source.subscribe(this::offer);
        sender = Thread.ofVirtual().name("loki-tail").start(() -> run(session));
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        stop();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        stop();
    }

    /** Records dropped because this client's queue was full, since the session opened. */
    long droppedTotal() {
        return droppedTotal.get();
    }

    /** Called on the applier thread: must not block. */
    private void offer(LogTailSource.TailRecord record) {
        if (stopped.get() || !pipeline.selects(record.streamLabels())) {
            return;
        }
        if (!queue.offer(record)) {
            droppedTotal.incrementAndGet();
            if (endpoint.config.maxDroppedReported() > 0) {
                dropped.offer(record);
            }
        }
    }

    private void run(WsSession session) {
        try {
            List<LogqlResult.LogStream> history = lookBack();
            if (!history.isEmpty()) {
                send(session, history, List.of());
            }
            while (!stopped.get()) {
                List<LogqlResult.LogStream> live = nextBatch();
                List<LogTailSource.TailRecord> lost = new ArrayList<>();
                dropped.drainTo(lost);
                if (!live.isEmpty() || !lost.isEmpty()) {
                    send(session, live, lost);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LogqlQueryException e) {
            close(session, WsCloseCodes.UNEXPECTED_CONDITION, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Loki tail failed", e);
            close(session, WsCloseCodes.UNEXPECTED_CONDITION, String.valueOf(e.getMessage()));
        } finally {
            stop();
        }
    }

    /** The look-back from start to now: the last {@code limit} entries, oldest first. */
    private List<LogqlResult.LogStream> lookBack() {
        long now = LokiTimes.nanos(endpoint.clock);
        if (request.startNanos() >= now) {
            return List.of();
        }
        LogqlRequest lookBack = new LogqlRequest(request.query(), request.startNanos(), now,
                LokiParameters.defaultStepNanos(request.startNanos(), now), 0, LogqlDirection.BACKWARD,
                request.limit(), endpoint.config.queryTimeout());
        if (!(endpoint.service.execute(lookBack) instanceof LogqlResult.Streams streams)) {
            throw new LogqlQueryException(LogqlQueryException.Kind.BAD_QUERY, "tail needs a log query");
        }
        List<LogqlResult.LogStream> oldestFirst = new ArrayList<>();
        for (LogqlResult.LogStream stream : streams.streams()) {
            List<LogqlResult.LogEntry> entries = new ArrayList<>(stream.entries());
            entries.sort(Comparator.comparingLong(LogqlResult.LogEntry::timeNanos));
            entries.forEach(e -> sent.add(key(stream, e)));
            oldestFirst.add(new LogqlResult.LogStream(stream.labels(), entries));
        }
        return oldestFirst;
    }

    private static String key(LogqlResult.LogStream stream, LogqlResult.LogEntry entry) {
        return entry.timeNanos() + "\u0000" + entry.line() + "\u0000" + new TreeMap<>(stream.labels());
    }

    /**
     * Waits for records, then takes what is queued (at most a batch); with {@code delay_for}, keeps
     * taking for that long after the first so late records are sent in time order.
     */
    private List<LogqlResult.LogStream> nextBatch() throws InterruptedException {
        LogTailSource.TailRecord first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return List.of();
        }
        List<LogTailSource.TailRecord> records = new ArrayList<>();
        records.add(first);
        long deadline = endpoint.nanoClock.getAsLong() + request.delayForNanos();
        while (records.size() < BATCH) {
            long wait = deadline - endpoint.nanoClock.getAsLong();
            LogTailSource.TailRecord next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            records.add(next);
        }
        if (request.delayForNanos() > 0) {
            records.sort(Comparator.comparingLong(LogTailSource.TailRecord::timeNanos));
        }
        List<LogqlResult.LogStream> out = new ArrayList<>(records.size());
        for (LogTailSource.TailRecord record : records) {
            LogqlResult.LogStream entry = pipeline.apply(record);
            if (entry != null && !alreadySent(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Whether the look-back already sent every entry of {@code stream}; forgets them as they repeat. */
    private boolean alreadySent(LogqlResult.LogStream stream) {
        if (sent.isEmpty()) {
            return false;
        }
        boolean all = true;
        for (LogqlResult.LogEntry entry : stream.entries()) {
            all &= sent.remove(key(stream, entry));
        }
        return all && !stream.entries().isEmpty();
    }

    private void send(WsSession session, List<LogqlResult.LogStream> streams, List<LogTailSource.TailRecord> lost) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("streams");
            LokiJson.streams(json, streams, categorize, LogqlDirection.FORWARD);
            if (!lost.isEmpty()) {
                json.name("dropped_entries").beginArray();
                for (LogTailSource.TailRecord record : lost) {
                    json.beginObject();
                    json.name("timestamp").value(Long.toString(record.timeNanos()));
                    json.name("labels");
                    LokiJson.labels(json, record.streamLabels());
                    json.endObject();
                }
                json.endArray();
            }
            if (categorize) {
                json.name("encodingFlags").beginArray().value(LokiJson.CATEGORIZE_LABELS).endArray();
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.send(text.toString(), true);
    }

    private static void close(WsSession session, int code, String reason) {
        try {
            session.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a tail that is already gone", e);
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (subscription != null) {
            subscription.close();
        }
        if (sender != null && Thread.currentThread() != sender) {
            sender.interrupt();
        }
        if (slotTaken) {
            endpoint.closed();
        }
    }
}
