package io.sightline.sample.load;

import io.sightline.sample.load.GeneratedTrace.Attribute;
import io.sightline.sample.load.GeneratedTrace.Event;
import io.sightline.sample.load.GeneratedTrace.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays out one trace's spans in time for {@link SpanBatchGenerator}: a child takes a slot of its
 * parent's time, a server span sits inside its client span (the network on either side), a
 * consumer starts a little after its producer ended. Also holds what every span of the trace
 * shares (the user, the session, the client's address and agent) for {@link SpanAttributes}.
 *
 * <p>Spans are referred to by their index in the order added (the root is 0). Not thread-safe.
 */
final class TraceBuilder {

    /** A span's name and attributes, from {@link SpanAttributes}. */
    record Named(String name, List<Attribute> attributes) {}

    private static final long MIN_NANOS = 1_000; // Zipkin's durations are whole µs, at least 1

    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "okhttp/4.12.0",
    };

    final SplittableRandom random;
    final String userId;
    final String sessionId;
    final String clientAddress;
    final String userAgent;
    private final long traceIdHigh;
    private final long traceIdLow;
    private final List<Draft> spans = new ArrayList<>();

    TraceBuilder(SplittableRandom random, long traceIdHigh, long traceIdLow) {
        this.random = random;
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.userId = "u-" + (10_000 + random.nextInt(90_000));
        this.sessionId = Long.toHexString(random.nextLong());
        this.clientAddress = "203.0." + random.nextInt(114) + "." + (1 + random.nextInt(254));
        this.userAgent = AGENTS[random.nextInt(AGENTS.length)];
    }

    /** Adds a span with explicit times; {@code parent} -1 for the root. */
    int add(int parent, int service, Kind kind, long startNanos, long durationNanos, boolean error, Named named) {
        return add(parent, service, kind, startNanos, durationNanos, error, named, "");
    }

    private int add(int parent, int service, Kind kind, long startNanos, long durationNanos, boolean error,
            Named named, String remote) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || usedId(id));
        spans.add(new Draft(parent < 0 ? 0 : spans.get(parent).id, id, service, named, kind, startNanos,
                Math.max(MIN_NANOS, durationNanos), error, remote));
        return spans.size() - 1;
    }

    /**
     * A child in slot {@code slot} of {@code slots} equal slots of the parent's time (after 4% of
     * it): calls to caches and databases take 5-25% of their slot, other calls 55-95%.
     */
    int child(int parent, int slot, int slots, int service, Kind kind, boolean error, Named named, String remote) {
        Draft p = spans.get(parent);
        double slotNanos = p.duration * 0.92 / slots;
        long start = p.start + Math.round(p.duration * 0.04 + slot * slotNanos);
        boolean store = kind == Kind.CLIENT && (remote.equals("redis") || remote.equals("postgresql"));
        double share = store ? 0.05 + 0.2 * random.nextDouble() : 0.55 + 0.4 * random.nextDouble();
        return add(parent, service, kind, start, Math.round(slotNanos * share), error, named, remote);
    }

    /** The server span of client span {@code client}: inside it, 2% of its time on either side. */
    int server(int client, int service, boolean error, Named named) {
        Draft c = spans.get(client);
        return add(client, service, Kind.SERVER, c.start + c.duration / 50, c.duration * 96 / 100, error, named, "");
    }

    /** The consumer of producer span {@code producer}: 1-20 ms after it ended, 2-40 ms long. */
    int consumer(int producer, int service, Named named) {
        Draft p = spans.get(producer);
        long start = p.start + p.duration + 1_000_000L + random.nextLong(19_000_000L);
        return add(producer, service, Kind.CONSUMER, start, 2_000_000L + random.nextLong(38_000_000L), false, named, "");
    }

    /** Records an {@code exception} event near the end of span {@code span}, and its status message. */
    void exception(int span, String type, String message) {
        Draft d = spans.get(span);
        d.statusMessage = message;
        d.events.add(new Event(d.start + d.duration - Math.min(d.duration / 10, 500_000), "exception", List.of(
                new Attribute("exception.type", type),
                new Attribute("exception.message", message),
                new Attribute("exception.stacktrace", type + ": " + message + "\n\tat "
                        + type.substring(0, type.lastIndexOf('.')) + ".Client.execute(Client.java:"
                        + (100 + random.nextInt(400)) + ")\n\tat io.shop.Handler.handle(Handler.java:"
                        + (20 + random.nextInt(200)) + ")"),
                new Attribute("exception.escaped", false))));
    }

    GeneratedTrace build() {
        long length = 0;
        List<GeneratedTrace.Span> out = new ArrayList<>(spans.size());
        for (Draft d : spans) {
            length = Math.max(length, d.start + d.duration);
            out.add(new GeneratedTrace.Span(d.id, d.parentId, d.service, d.named.name(), d.kind, d.start, d.duration,
                    d.named.attributes(), d.error, d.error ? d.statusMessage : "", d.events, d.remote));
        }
        return new GeneratedTrace(traceIdHigh, traceIdLow, length, out);
    }

    private boolean usedId(long id) {
        for (Draft d : spans) {
            if (d.id == id) {
                return true;
            }
        }
        return false;
    }

    private static final class Draft {
        final long parentId;
        final long id;
        final int service;
        final Named named;
        final Kind kind;
        final long start;
        final long duration;
        final boolean error;
        final String remote;
        final List<Event> events = new ArrayList<>(1);
        String statusMessage = "";

        Draft(long parentId, long id, int service, Named named, Kind kind, long start, long duration, boolean error,
                String remote) {
            this.parentId = parentId;
            this.id = id;
            this.service = service;
            this.named = named;
            this.kind = kind;
            this.start = start;
            this.duration = duration;
            this.error = error;
            this.remote = remote;
        }
    }
}
