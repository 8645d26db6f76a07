package io.sightline.sample.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Locale;

/**
 * An OTLP/HTTP protobuf log load generator: posts batches of realistic log records to
 * {@code /v1/logs} at a target rate for a bounded time and reports throughput, status codes and
 * latency percentiles.
 *
 * <p>From the command line: {@code java -cp ... io.sightline.sample.load.OtlpLogLoad --help}.
 * From Java: {@code OtlpLogLoad.run(LoadConfig.builder().recordsPerSecond(20_000).build())}.
 */
public final class OtlpLogLoad {

    /** Exit status when the run completed but not one record was acknowledged. */
    public static final int EXIT_NOTHING_ACKNOWLEDGED = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;

    private OtlpLogLoad() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** {@link #main} without the exit: returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        LoadArgs.Parsed parsed;
        try {
            parsed = LoadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("load-logs: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return EXIT_USAGE;
        }
        if (parsed.help()) {
            out.print(usage());
            return 0;
        }
        LoadConfig config = parsed.config();
        try {
            LoadSummary summary = run(config, err);
            out.print(summary.toText());
            out.flush();
            if (config.jsonOutput().isPresent()) {
                Files.writeString(config.jsonOutput().get(), summary.toJson() + "\n", StandardCharsets.UTF_8);
            }
            return summary.recordsAcknowledged() == 0 ? EXIT_NOTHING_ACKNOWLEDGED : 0;
        } catch (IllegalArgumentException e) {
            err.println("load-logs: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("load-logs: cannot write the JSON summary: " + e);
            return EXIT_NOTHING_ACKNOWLEDGED;
        } catch (UncheckedIOException e) {
            err.println("load-logs: " + e.getMessage() + ": " + e.getCause());
            return EXIT_NOTHING_ACKNOWLEDGED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("load-logs: interrupted");
            return EXIT_NOTHING_ACKNOWLEDGED;
        }
    }

    /** Runs a load with progress lines on standard error. */
    public static LoadSummary run(LoadConfig config) throws InterruptedException {
        return run(config, System.err);
    }

    /**
     * Runs a load, printing progress lines to {@code progress} every
     * {@link LoadConfig#progressInterval()}.
     *
     * @throws IllegalArgumentException if the config is invalid or the endpoint is not loopback and
     *     {@link LoadConfig#allowRemote()} is off
     */
    public static LoadSummary run(LoadConfig config, PrintStream progress) throws InterruptedException {
        config.validate();
        requireLoopback(config.endpoint(), config.allowRemote());
        InstantSource clock = InstantSource.system();
        if (config.backfill().enabled()) {
            return runBackfill(config, clock, progress);
        }
        long t0 = System.nanoTime();
        int poolSize = Math.max(config.poolSize(), Math.min(config.services(),
                (int) (LoadConfig.MAX_POOLED_RECORDS / config.batch())));
        RequestPool pool = RequestPool.build(config.seed(), config.services(), config.batch(), poolSize,
                LoadRun.unixNanos(clock.instant()));
        if (!config.progressInterval().isZero()) {
            progress.printf(Locale.ROOT, "load-logs: %d bodies of %d records (%.1f MB) built in %d ms; "
                            + "sending to %s for %s%s at %s%n",
                    pool.size(), config.batch(), pool.totalBytes() / 1e6, (System.nanoTime() - t0) / 1_000_000,
                    config.logsUri(), config.duration(),
                    config.warmup().isZero() ? "" : " after a warm-up of " + config.warmup(),
                    config.recordsPerSecond() == 0 ? "full speed" : config.recordsPerSecond() + " records/s");
        }
        return new LoadRun(config, pool, clock, progress).run();
    }

    /**
     * The backfill mode: requests built as they are sent, records spread over the span, and the
     * raw file written alongside.
     */
    private static LoadSummary runBackfill(LoadConfig config, InstantSource clock, PrintStream progress)
            throws InterruptedException {
        BackfillConfig backfill = config.backfill();
        long end = LoadRun.unixNanos(backfill.end().orElseGet(clock::instant));
        long total = config.maxRequests() * config.batch();
        BackfillPlan plan = new BackfillPlan(end, backfill.span().toNanos(), total,
                backfill.token().isPresent() ? backfill.tokenRecords() : 0);
        BackfillRequests requests = new BackfillRequests(config.seed(), config.services(), config.batch(), plan,
                backfill.shape());
        if (!config.progressInterval().isZero()) {
            progress.printf(Locale.ROOT, "load-logs: backfill of %d records over the %s before %s%s%s; "
                            + "sending to %s at %s%n",
                    total, backfill.span(), java.time.Instant.ofEpochSecond(0, end),
                    backfill.lean() ? ", lean" : "",
                    backfill.token().map(t -> ", token " + t + " in " + backfill.tokenRecords() + " records").orElse(""),
                    config.logsUri(),
                    config.recordsPerSecond() == 0 ? "full speed" : config.recordsPerSecond() + " records/s");
        }
        if (backfill.rawOutput().isEmpty()) {
            return new LoadRun(config, requests, null, clock, progress).run();
        }
        try (RawLogFile raw = new RawLogFile(backfill.rawOutput().get())) {
            return new LoadRun(config, requests, raw, clock, progress).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + backfill.rawOutput().get(), e);
        }
    }

    /** Refuses non-loopback targets unless asked: this tool is for benchmarking a local appliance. */
    static void requireLoopback(URI endpoint, boolean allowRemote) {
        if (allowRemote) {
            return;
        }
        String host = endpoint.getHost();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--endpoint " + endpoint
                            + " is not a loopback address; pass --allow-remote to load another machine");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--endpoint host cannot be resolved: " + host);
        }
    }

    public static String usage() {
        LoadConfig d = LoadConfig.defaults();
        return """
            Usage: load-logs [flags]
            Posts OTLP/HTTP protobuf log batches to ENDPOINT/v1/logs at a target rate and reports
            throughput, HTTP statuses and latency (measured from each request's scheduled time).

              --endpoint URL        OTLP/HTTP base URL (default %s)
              --rate N              target records per second, 0 = as fast as possible (default %d)
              --duration D          how long to send and measure: 500ms, 60s, 2m, 1h (default %ds)
              --warmup D            send at the same rate for D first, reported apart (default 0)
              --batch N             log records per request (default %d)
              --connections N       concurrent requests, one connection each (default %d); alias --concurrency
              --services N          distinct service.name values (default %d)
              --seed N              generator seed; the same seed sends the same bodies (default %d)
              --pool N              distinct pre-built request bodies (default %d)
              --max-requests N      stop after N requests, 0 = no limit but --duration (default 0)
              --timeout D           per-request timeout (default %ds)
              --progress D          progress line to stderr every D, 0 = none (default %ds)
              --json FILE           also write the summary as JSON to FILE
              --allow-remote        accept a non-loopback endpoint (refused by default)

            Backfill (the search benchmark's corpus; off by default):
              --span D              stamp the run's --max-requests x --batch records evenly over the
                                    D before --span-end, oldest first, each record different
              --span-end T          end of the span: ISO-8601 or epoch ms (default: the run's start)
              --lean                records without attributes and trace context (~250 B as text)
              --timeout-percent P   share of records reporting a timeout, the only "timeout" bodies (default 0)
              --token WORD          append WORD to the bodies of exactly --token-records records
              --token-records N     how many records carry --token (default 3)
              --raw-out FILE        write every acknowledged record to FILE as a text line:
                                    time service=S level=L body key=value... trace_id= span_id=
              -h, --help            print this help

            Exit status: 0 when records were acknowledged, 1 when none were, 2 on a bad flag.
            """.formatted(d.endpoint(), d.recordsPerSecond(), d.duration().toSeconds(), d.batch(),
                d.connections(), d.services(), d.seed(), d.poolSize(), d.requestTimeout().toSeconds(),
                d.progressInterval().toSeconds());
    }
}
