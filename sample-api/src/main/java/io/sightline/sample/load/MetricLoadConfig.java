package io.sightline.sample.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one metrics load run does. Every field has a default ({@link #defaults()}) and a
 * command-line flag (see {@link RemoteWriteLoad#usage()}); {@link #validate()} names the bad
 * value and the accepted range.
 *
 * @param endpoint the URL requests are posted to (remote_write: {@code .../api/v1/write}; OTLP:
 *     {@code .../v1/metrics})
 * @param otlp send OTLP/HTTP protobuf metrics instead of remote_write
 * @param samplesPerSecond target rate; 0 = as fast as the connections allow
 * @param duration how long to send and measure, after the warm-up
 * @param warmup how long to send at the same rate before measuring; counted apart
 * @param batch samples per request at most (remote_write; OTLP requests hold batch / 100 targets)
 * @param connections concurrent senders; each owns a share of the targets, so each series is sent
 *     by one sender in timestamp order
 * @param series active series, 100 per simulated target (see {@link MetricSeriesShape})
 * @param scrapeInterval simulated time between two samples of a series
 * @param startAgo when {@code startAt} is empty, the simulated time starts this long before the
 *     run starts (aligned down to a whole interval)
 * @param startAt the simulated time's start, overriding {@code startAgo}
 * @param stopAtNow end the run once the simulated time has caught up with the wall clock (a
 *     backfill); otherwise a caught-up sender waits for each interval to pass, like a scraper
 * @param maxScrapes end after this many simulated scrapes; 0 = no limit. With the same
 *     {@code startAt}, seed and series, two runs send exactly the same samples
 * @param seed seed of the values; the same seed sends the same values
 * @param maxRequests stop after this many requests; 0 = bounded by {@code duration} only
 * @param requestTimeout per-request timeout; a request that exceeds it counts as failed
 * @param progressInterval how often to print a progress line; {@link Duration#ZERO} = never
 * @param jsonOutput where to write the summary as JSON, if anywhere
 * @param allowRemote whether a non-loopback endpoint is accepted
 */
public record MetricLoadConfig(
        URI endpoint,
        boolean otlp,
        long samplesPerSecond,
        Duration duration,
        Duration warmup,
        int batch,
        int connections,
        int series,
        Duration scrapeInterval,
        Duration startAgo,
        Optional<Instant> startAt,
        boolean stopAtNow,
        long maxScrapes,
        long seed,
        long maxRequests,
        Duration requestTimeout,
        Duration progressInterval,
        Optional<Path> jsonOutput,
        boolean allowRemote) {

    public static final URI DEFAULT_REMOTE_WRITE_ENDPOINT = URI.create("http://127.0.0.1:9090/api/v1/write");
    public static final URI DEFAULT_OTLP_ENDPOINT = URI.create("http://127.0.0.1:4318/v1/metrics");

    /** Bounds: generous for a 2-core box, small enough that a typo cannot exhaust memory. */
    static final int MAX_SERIES = 10_000_000;
    static final int MAX_BATCH = 100_000;
    static final Duration MAX_START_AGO = Duration.ofDays(30);

    public static MetricLoadConfig defaults() {
        return new MetricLoadConfig(DEFAULT_REMOTE_WRITE_ENDPOINT, false, 100_000, Duration.ofSeconds(60),
                Duration.ZERO, 2_000, 4, 100_000, Duration.ofSeconds(15), Duration.ofHours(1), Optional.empty(),
                false, 0, 1, 0, Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty(), false);
    }

    /** @throws IllegalArgumentException naming the first bad value and what is accepted */
    public MetricLoadConfig validate() {
        if (!"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be an http:// URL with a host, like "
                    + (otlp ? DEFAULT_OTLP_ENDPOINT : DEFAULT_REMOTE_WRITE_ENDPOINT) + ": " + endpoint);
        }
        check(samplesPerSecond >= 0 && samplesPerSecond <= LoadConfig.MAX_RATE,
                "--rate must be between 0 (unpaced) and " + LoadConfig.MAX_RATE + ": " + samplesPerSecond);
        check(!duration.isNegative() && !duration.isZero() && duration.compareTo(LoadConfig.MAX_DURATION) <= 0,
                "--duration must be above 0 and at most 24h: " + duration);
        check(!warmup.isNegative() && warmup.compareTo(LoadConfig.MAX_DURATION) <= 0,
                "--warmup must be between 0 and 24h: " + warmup);
        check(batch >= 1 && batch <= MAX_BATCH, "--batch must be between 1 and " + MAX_BATCH + ": " + batch);
        check(connections >= 1 && connections <= LoadConfig.MAX_CONNECTIONS,
                "--connections must be between 1 and " + LoadConfig.MAX_CONNECTIONS + ": " + connections);
        check(series >= 1 && series <= MAX_SERIES, "--series must be between 1 and " + MAX_SERIES + ": " + series);
        check(scrapeInterval.toMillis() >= 1 && scrapeInterval.compareTo(Duration.ofHours(1)) <= 0,
                "--interval must be between 1ms and 1h: " + scrapeInterval);
        check(!startAgo.isNegative() && startAgo.compareTo(MAX_START_AGO) <= 0,
                "--start-ago must be between 0 and 30 days: " + startAgo);
        check(startAt.isEmpty() || startAt.get().toEpochMilli() > 0
                        && startAt.get().toEpochMilli() <= RemoteWriteRequests.MAX_TIMESTAMP_MILLIS,
                "--start-at must be between 1970 and 2109: " + startAt.orElse(null));
        check(maxScrapes >= 0, "--scrapes must be 0 (no limit) or more: " + maxScrapes);
        check(maxRequests >= 0, "--max-requests must be 0 (no limit) or more: " + maxRequests);
        check(requestTimeout.toMillis() >= 1, "--timeout must be at least 1ms: " + requestTimeout);
        check(!progressInterval.isNegative(), "--progress must be 0 (off) or more: " + progressInterval);
        return this;
    }

    /** The first simulated scrape, ms since the epoch: the start aligned down to the interval. */
    long simulatedStartMillis(Instant now) {
        long start = startAt.orElseGet(() -> now.minus(startAgo)).toEpochMilli();
        return Math.floorDiv(start, scrapeInterval.toMillis()) * scrapeInterval.toMillis();
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

    /** Mutable builder; the endpoint defaults by protocol when not set. Not thread-safe. */
    public static final class Builder {
        private URI endpoint;
        private boolean otlp;
        private long samplesPerSecond;
        private Duration duration;
        private Duration warmup;
        private int batch;
        private int connections;
        private int series;
        private Duration scrapeInterval;
        private Duration startAgo;
        private Optional<Instant> startAt;
        private boolean stopAtNow;
        private long maxScrapes;
        private long seed;
        private long maxRequests;
        private Duration requestTimeout;
        private Duration progressInterval;
        private Optional<Path> jsonOutput;
        private boolean allowRemote;

        private Builder(MetricLoadConfig c) {
            endpoint = c.endpoint;
            otlp = c.otlp;
            samplesPerSecond = c.samplesPerSecond;
            duration = c.duration;
            warmup = c.warmup;
            batch = c.batch;
            connections = c.connections;
            series = c.series;
            scrapeInterval = c.scrapeInterval;
            startAgo = c.startAgo;
            startAt = c.startAt;
            stopAtNow = c.stopAtNow;
            maxScrapes = c.maxScrapes;
            seed = c.seed;
            maxRequests = c.maxRequests;
            requestTimeout = c.requestTimeout;
            progressInterval = c.progressInterval;
            jsonOutput = c.jsonOutput;
            allowRemote = c.allowRemote;
            if (c.endpoint.equals(DEFAULT_REMOTE_WRITE_ENDPOINT) || c.endpoint.equals(DEFAULT_OTLP_ENDPOINT)) {
                endpoint = null; // follow the protocol's default until set
            }
        }

        public Builder endpoint(URI v) { endpoint = v; return this; }
        public Builder otlp(boolean v) { otlp = v; return this; }
        public Builder samplesPerSecond(long v) { samplesPerSecond = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder connections(int v) { connections = v; return this; }
        public Builder series(int v) { series = v; return this; }
        public Builder scrapeInterval(Duration v) { scrapeInterval = v; return this; }
        public Builder startAgo(Duration v) { startAgo = v; return this; }
        public Builder startAt(Instant v) { startAt = Optional.ofNullable(v); return this; }
        public Builder stopAtNow(boolean v) { stopAtNow = v; return this; }
        public Builder maxScrapes(long v) { maxScrapes = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder maxRequests(long v) { maxRequests = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }
        public Builder jsonOutput(Path v) { jsonOutput = Optional.ofNullable(v); return this; }
        public Builder allowRemote(boolean v) { allowRemote = v; return this; }

        public MetricLoadConfig build() {
            URI target = endpoint != null ? endpoint : otlp ? DEFAULT_OTLP_ENDPOINT : DEFAULT_REMOTE_WRITE_ENDPOINT;
            return new MetricLoadConfig(target, otlp, samplesPerSecond, duration, warmup, batch, connections, series,
                    scrapeInterval, startAgo, startAt, stopAtNow, maxScrapes, seed, maxRequests, requestTimeout, progressInterval,
                    jsonOutput, allowRemote);
        }
    }
}
