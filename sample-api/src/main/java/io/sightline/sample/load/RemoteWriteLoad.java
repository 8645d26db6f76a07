package io.sightline.sample.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metrics load generator: posts simulated scrapes of {@code --series} series (counters, gauges
 * and classic histograms, see {@link MetricSeriesShape}) as Prometheus remote_write 1.0 requests
 * (or, with {@code --otlp}, OTLP/HTTP protobuf metrics) at a target rate for a bounded time and
 * reports samples acknowledged per second, HTTP statuses and latency percentiles.
 *
 * <p>Each series gets one sample per simulated scrape interval (15 s by default), starting
 * {@code --start-ago} before now and advancing as fast as the rate allows, never past the wall
 * clock; so a run can backfill hours of data in minutes and still end near "now", where
 * Prometheus's head accepts samples.
 *
 * <p>From the command line: {@code java -cp ... io.sightline.sample.load.RemoteWriteLoad --help}.
 * From Java: {@code RemoteWriteLoad.run(MetricLoadConfig.builder().series(1_000).build())}.
 */
public final class RemoteWriteLoad {

    private RemoteWriteLoad() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** {@link #main} without the exit: returns the exit status (see {@link OtlpLogLoad}'s). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        MetricLoadArgs.Parsed parsed;
        try {
            parsed = MetricLoadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("load-metrics: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return OtlpLogLoad.EXIT_USAGE;
        }
        if (parsed.help()) {
            out.print(usage());
            return 0;
        }
        MetricLoadConfig config = parsed.config();
        try {
            MetricLoadSummary summary = run(config, err);
            out.print(summary.toText());
            out.flush();
            if (config.jsonOutput().isPresent()) {
                Files.writeString(config.jsonOutput().get(), summary.toJson() + "\n", StandardCharsets.UTF_8);
            }
            return summary.samplesAcknowledged() + summary.warmupSamplesAcknowledged() == 0
                    ? OtlpLogLoad.EXIT_NOTHING_ACKNOWLEDGED : 0;
        } catch (IllegalArgumentException e) {
            err.println("load-metrics: " + e.getMessage());
            return OtlpLogLoad.EXIT_USAGE;
        } catch (IOException e) {
            err.println("load-metrics: cannot write the JSON summary: " + e);
            return OtlpLogLoad.EXIT_NOTHING_ACKNOWLEDGED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("load-metrics: interrupted");
            return OtlpLogLoad.EXIT_NOTHING_ACKNOWLEDGED;
        }
    }

    /** Runs a load with progress lines on standard error. */
    public static MetricLoadSummary run(MetricLoadConfig config) throws InterruptedException {
        return run(config, System.err);
    }

    /**
     * Runs a load, printing progress lines to {@code progress}.
     *
     * @throws IllegalArgumentException if the config is invalid or the endpoint is not loopback and
     *     {@link MetricLoadConfig#allowRemote()} is off
     */
    public static MetricLoadSummary run(MetricLoadConfig config, PrintStream progress) throws InterruptedException {
        config.validate();
        OtlpLogLoad.requireLoopback(config.endpoint(), config.allowRemote());
        InstantSource clock = InstantSource.system();
        long t0 = System.nanoTime();
        long simulatedStart = config.simulatedStartMillis(clock.instant());
        List<MetricLoadRun.Sender> senders = senders(config, simulatedStart);
        if (!config.progressInterval().isZero()) {
            int perScrape = senders.stream().mapToInt(s -> s.requests().requestsPerRound()).sum();
            progress.printf(Locale.ROOT, "load-metrics: %d series on %d targets, %d requests per scrape from %d senders,"
                            + " built in %d ms; simulated time from %s every %s; sending to %s for %s%s at %s%n",
                    config.series(), MetricSeriesShape.targets(config.series()), perScrape, senders.size(),
                    (System.nanoTime() - t0) / 1_000_000, Instant.ofEpochMilli(simulatedStart),
                    config.scrapeInterval().toString().substring(2).toLowerCase(Locale.ROOT), config.endpoint(),
                    config.duration(), config.warmup().isZero() ? "" : " after a warm-up of " + config.warmup(),
                    config.samplesPerSecond() == 0 ? "full speed" : config.samplesPerSecond() + " samples/s");
        }
        return new MetricLoadRun(config, senders, simulatedStart, clock, progress).run();
    }

    /**
     * One sender per connection (fewer if there are fewer targets), target {@code t} going to
     * sender {@code t mod senders}. Paced senders each finish a simulated scrape every
     * {@code series / rate} seconds, so they stay together in simulated time.
     */
    static List<MetricLoadRun.Sender> senders(MetricLoadConfig config, long simulatedStartMillis) {
        int targets = MetricSeriesShape.targets(config.series());
        int count = Math.min(config.connections(), targets);
        double scrapeNanos = config.samplesPerSecond() == 0 ? 0 : config.series() * 1e9 / config.samplesPerSecond();
        List<MetricLoadRun.Sender> senders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] owned = new int[(targets - i + count - 1) / count];
            for (int k = 0; k < owned.length; k++) {
                owned[k] = i + k * count;
            }
            ScrapeState state = new ScrapeState(config.seed(), owned);
            long intervalMillis = config.scrapeInterval().toMillis();
            MetricRequests requests = config.otlp()
                    ? new OtlpMetricRequests(state, config.series(), config.batch(), intervalMillis, simulatedStartMillis)
                    : new RemoteWriteRequests(state, config.series(), config.batch(), intervalMillis);
            senders.add(new MetricLoadRun.Sender(requests, scrapeNanos / requests.requestsPerRound()));
        }
        return senders;
    }

    public static String usage() {
        MetricLoadConfig d = MetricLoadConfig.defaults();
        return """
            Usage: load-metrics [flags]
            Posts simulated scrapes of SERIES series (30%% counters, 65%% classic-histogram series, 5%% gauges;
            100 per target) as Prometheus remote_write 1.0 (snappy protobuf) or, with --otlp, OTLP/HTTP
            protobuf metrics, at a target rate, and reports throughput, HTTP statuses and latency.

              --endpoint URL        URL to post to (default %s,
                                    with --otlp %s)
              --otlp                send OTLP/HTTP protobuf ExportMetricsServiceRequests instead of remote_write
              --rate N              target samples per second, 0 = as fast as possible (default %d)
              --duration D          how long to send and measure: 500ms, 60s, 2m, 1h (default %ds)
              --warmup D            send at the same rate for D first, reported apart (default 0)
              --series N            active series, 100 per simulated target (default %d)
              --batch N             samples per request at most (default %d; --otlp: N/100 targets per request)
              --connections N       senders, one connection each, each owning a share of the targets (default %d)
              --interval D          simulated scrape interval (default %ds)
              --start-ago D         simulated time starts D before now (default %s)
              --start-at T          ... or at T: 2026-11-29T08:00:00Z or epoch milliseconds
              --stop-at-now         end once simulated time reaches the wall clock (a backfill); without it,
                                    a caught-up sender waits for each interval like a scraper
              --scrapes N           end after N simulated scrapes, 0 = no limit (default 0); with the same
                                    --start-at, --series and --seed two runs send the same samples
              --seed N              seed of the values (default %d)
              --max-requests N      stop after about N requests, 0 = no limit but --duration (default 0)
              --timeout D           per-request timeout (default %ds)
              --progress D          progress line to stderr every D, 0 = none (default %ds)
              --json FILE           also write the summary as JSON to FILE
              --allow-remote        accept a non-loopback endpoint (refused by default)
              -h, --help            print this help

            Exit status: 0 when samples were acknowledged, 1 when none were, 2 on a bad flag.
            """.formatted(MetricLoadConfig.DEFAULT_REMOTE_WRITE_ENDPOINT, MetricLoadConfig.DEFAULT_OTLP_ENDPOINT,
                d.samplesPerSecond(), d.duration().toSeconds(), d.series(), d.batch(), d.connections(),
                d.scrapeInterval().toSeconds(), d.startAgo().toString().substring(2).toLowerCase(Locale.ROOT), d.seed(),
                d.requestTimeout().toSeconds(), d.progressInterval().toSeconds());
    }
}
