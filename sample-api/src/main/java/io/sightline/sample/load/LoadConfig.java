package io.sightline.sample.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one load run does. Every field has a default ({@link #defaults()}) and a command-line flag
 * (see {@link OtlpLogLoad#usage()}); {@link #validate()} names the bad value and the accepted
 * range.
 *
 * @param endpoint base URL of the OTLP/HTTP receiver; requests go to {@code endpoint/v1/logs}
 * @param recordsPerSecond target rate; 0 = as fast as the connections allow
 * @param duration how long to send and measure, after the warm-up; requests due later are not
 *     sent
 * @param warmup how long to send at the same rate before measuring; counted apart
 * @param batch log records per request
 * @param connections concurrent senders, each with at most one request in flight
 * @param services distinct {@code service.name} values
 * @param seed seed of the record generator; the same seed yields the same bodies
 * @param poolSize distinct pre-built request bodies, cycled through
 * @param maxRequests stop after this many requests; 0 = bounded by {@code duration} only
 * @param requestTimeout per-request timeout; a request that exceeds it counts as an error
 * @param progressInterval how often to print a progress line; {@link Duration#ZERO} = never
 * @param jsonOutput where to write the summary as JSON, if anywhere
 * @param allowRemote whether a non-loopback endpoint is accepted
 * @param backfill the search benchmark's mode: records spread over a past span, built per request
 *     ({@link BackfillConfig#NONE} = off: pooled bodies stamped with the send time)
 */
public record LoadConfig(
        URI endpoint,
        long recordsPerSecond,
        Duration duration,
        Duration warmup,
        int batch,
        int connections,
        int services,
        long seed,
        int poolSize,
        long maxRequests,
        Duration requestTimeout,
        Duration progressInterval,
        Optional<Path> jsonOutput,
        boolean allowRemote,
        BackfillConfig backfill) {

    public static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:4318");

    /** Upper bounds: generous for a 2-core box, small enough that a typo cannot exhaust memory. */
    static final long MAX_RATE = 100_000_000;
    static final Duration MAX_DURATION = Duration.ofHours(24);
    static final int MAX_BATCH = 100_000;
    static final int MAX_CONNECTIONS = 1_024;
    static final int MAX_SERVICES = 10_000;
    /** Pre-built records across the pool; ~600 bytes each, so at most ~600 MB. */
    static final long MAX_POOLED_RECORDS = 1_000_000;

    public LoadConfig {
        endpoint = stripTrailingSlash(endpoint);
    }

    public static LoadConfig defaults() {
        return new LoadConfig(DEFAULT_ENDPOINT, 10_000, Duration.ofSeconds(60), Duration.ZERO, 500, 4, 5, 1, 32, 0,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty(), false, BackfillConfig.NONE);
    }

    /** The URL requests are posted to. */
    public URI logsUri() {
        return URI.create(endpoint + "/v1/logs");
    }

    /** @throws IllegalArgumentException naming the first bad value and what is accepted */
    public LoadConfig validate() {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    "--endpoint must be an http:// URL with a host, like " + DEFAULT_ENDPOINT + ": " + endpoint);
        }
        check(recordsPerSecond >= 0 && recordsPerSecond <= MAX_RATE,
                "--rate must be between 0 (unpaced) and " + MAX_RATE + ": " + recordsPerSecond);
        check(!duration.isNegative() && !duration.isZero() && duration.compareTo(MAX_DURATION) <= 0,
                "--duration must be above 0 and at most 24h: " + duration);
        check(!warmup.isNegative() && warmup.compareTo(MAX_DURATION) <= 0,
                "--warmup must be between 0 and 24h: " + warmup);
        check(batch >= 1 && batch <= MAX_BATCH, "--batch must be between 1 and " + MAX_BATCH + ": " + batch);
        check(connections >= 1 && connections <= MAX_CONNECTIONS,
                "--connections must be between 1 and " + MAX_CONNECTIONS + ": " + connections);
        check(services >= 1 && services <= MAX_SERVICES,
                "--services must be between 1 and " + MAX_SERVICES + ": " + services);
        check(poolSize >= 1 && (long) poolSize * batch <= MAX_POOLED_RECORDS,
                "--pool times --batch must be between 1 and " + MAX_POOLED_RECORDS + " records: "
                        + poolSize + " x " + batch);
        check(maxRequests >= 0, "--max-requests must be 0 (no limit) or more: " + maxRequests);
        check(requestTimeout.toMillis() >= 1, "--timeout must be at least 1ms: " + requestTimeout);
        check(!progressInterval.isNegative(), "--progress must be 0 (off) or more: " + progressInterval);
        check(maxRequests <= Long.MAX_VALUE / batch, "--max-requests is too large: " + maxRequests);
        backfill.validate(maxRequests * batch);
        return this;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** Mutable builder over {@link LoadConfig}; not thread-safe. */
    public static final class Builder {
        private URI endpoint;
        private long recordsPerSecond;
        private Duration duration;
        private Duration warmup;
        private int batch;
        private int connections;
        private int services;
        private long seed;
        private int poolSize;
        private long maxRequests;
        private Duration requestTimeout;
        private Duration progressInterval;
        private Optional<Path> jsonOutput;
        private boolean allowRemote;
        private BackfillConfig backfill;

        private Builder(LoadConfig c) {
            endpoint = c.endpoint;
            recordsPerSecond = c.recordsPerSecond;
            duration = c.duration;
            warmup = c.warmup;
            batch = c.batch;
            connections = c.connections;
            services = c.services;
            seed = c.seed;
            poolSize = c.poolSize;
            maxRequests = c.maxRequests;
            requestTimeout = c.requestTimeout;
            progressInterval = c.progressInterval;
            jsonOutput = c.jsonOutput;
            allowRemote = c.allowRemote;
            backfill = c.backfill;
        }

        public Builder endpoint(URI v) { endpoint = v; return this; }
        public Builder recordsPerSecond(long v) { recordsPerSecond = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder connections(int v) { connections = v; return this; }
        public Builder services(int v) { services = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder poolSize(int v) { poolSize = v; return this; }
        public Builder maxRequests(long v) { maxRequests = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }
        public Builder jsonOutput(Path v) { jsonOutput = Optional.ofNullable(v); return this; }
        public Builder allowRemote(boolean v) { allowRemote = v; return this; }
        public Builder backfill(BackfillConfig v) { backfill = v; return this; }
        BackfillConfig backfill() { return backfill; }

        public LoadConfig build() {
            return new LoadConfig(endpoint, recordsPerSecond, duration, warmup, batch, connections, services, seed,
                    poolSize, maxRequests, requestTimeout, progressInterval, jsonOutput, allowRemote, backfill);
        }
    }
}
