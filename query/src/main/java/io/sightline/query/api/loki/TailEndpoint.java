package io.sightline.query.api.loki;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.sightline.query.logql.LogqlQueryService;

/**
 * What every {@code /tail} WebSocket shares: the sources, the configuration, and the count of open
 * tails that {@link LokiApiConfig#maxTailClients()} bounds. Each connection gets its own
 * {@link TailSession}. Thread-safe.
 */
final class TailEndpoint {
    final LogqlQueryService service;
    final LogqlTailFilter filter;
    final LogTailSource source;
    final LokiApiConfig config;
    final InstantSource clock;
    /** Measures {@code delay_for} (a duration, not a time of day). */
    final LongSupplier nanoClock;
    private final AtomicInteger open = new AtomicInteger();

    TailEndpoint(LogqlQueryService service, LogqlTailFilter filter, LogTailSource source, LokiApiConfig config,
                 InstantSource clock, LongSupplier nanoClock) {
        this.service = service;
        this.filter = filter;
        this.source = source;
        this.config = config;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    TailSession newSession() {
        return new TailSession(this);
    }

    /** Takes a slot for one more tail, or answers false when all are taken. */
    boolean tryOpen() {
        while (true) {
            int now = open.get();
            if (now >= config.maxTailClients()) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    int openTails() {
        return open.get();
    }
}
