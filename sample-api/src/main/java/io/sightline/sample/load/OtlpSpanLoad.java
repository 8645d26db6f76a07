package io.sightline.sample.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * A span load generator: posts batches of a shop API's traces ({@link SpanBatchGenerator}) as
 * OTLP/HTTP protobuf to {@code /v1/traces}, or the same spans as Zipkin v2 JSON to
 * {@code /api/v2/spans} ({@code --zipkin}), at a target rate or unpaced, live or spread over a past
 * span, and reports throughput, statuses and latency percentiles.
 *
 * <p>From the command line: {@code java -cp ... io.sightline.sample.load.OtlpSpanLoad --help}.
 */
public final class OtlpSpanLoad {

    /** Exit status when the run completed but not one span was acknowledged. */
    public static final int EXIT_NOTHING_ACKNOWLEDGED = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;

    private OtlpSpanLoad() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** {@link #main} without the exit: returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        SpanLoadArgs.Parsed parsed;
        try {
            parsed = SpanLoadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("load-spans: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return EXIT_USAGE;
        }
        if (parsed.help()) {
            out.print(usage());
            return 0;
        }
        SpanLoadConfig config = parsed.config();
        try {
            SpanLoadSummary summary = run(config, err);
            out.print(summary.toText());
            out.flush();
            if (config.load().jsonOutput().isPresent()) {
                Files.writeString(config.load().jsonOutput().get(), summary.toJson() + "\n", StandardCharsets.UTF_8);
            }
            return summary.load().recordsAcknowledged() + summary.load().warmupRecordsAcknowledged() == 0
                    ? EXIT_NOTHING_ACKNOWLEDGED : 0;
        } catch (IllegalArgumentException e) {
            err.println("load-spans: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("load-spans: cannot write the JSON summary: " + e);
            return EXIT_NOTHING_ACKNOWLEDGED;
        } catch (UncheckedIOException e) {
            err.println("load-spans: " + e.getMessage() + ": " + e.getCause());
            return EXIT_NOTHING_ACKNOWLEDGED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("load-spans: interrupted");
            return EXIT_NOTHING_ACKNOWLEDGED;
        }
    }

    /**
     * Runs a load, printing progress lines to {@code progress}.
     *
     * @throws IllegalArgumentException if the config is invalid or the endpoint is not loopback and
     *     remote endpoints are not allowed
     */
    static SpanLoadSummary run(SpanLoadConfig config, PrintStream progress) throws InterruptedException {
        config.validate();
        LoadConfig load = config.load();
        OtlpLogLoad.requireLoopback(load.endpoint(), load.allowRemote());
        InstantSource clock = InstantSource.system();
        long t0 = System.nanoTime();
        SpanRequestPool pool = SpanRequestPool.build(config.format(), load.seed(), load.batch(), load.poolSize());
        BackfillPlan plan = null;
        if (load.backfill().enabled()) {
            long end = LoadRun.unixNanos(load.backfill().end().orElseGet(clock::instant));
            plan = new BackfillPlan(end, load.backfill().span().toNanos(), load.maxRequests() * load.batch(), 0);
        }
        if (!load.progressInterval().isZero()) {
            progress.printf(Locale.ROOT, "load-spans: %d bodies of %d spans (%d traces, %.1f MB) built in %d ms; "
                            + "sending to %s for %s%s at %s%s%n",
                    pool.size(), load.batch(), pool.totalTraces(), pool.totalBytes() / 1e6,
                    (System.nanoTime() - t0) / 1_000_000, config.uri(), load.duration(),
                    load.warmup().isZero() ? "" : " after a warm-up of " + load.warmup(),
                    load.recordsPerSecond() == 0 ? "full speed" : load.recordsPerSecond() + " spans/s",
                    plan == null ? "" : ", " + load.maxRequests() * load.batch() + " spans over the "
                            + load.backfill().span() + " before "
                            + Instant.ofEpochSecond(0, load.backfill().end().map(LoadRun::unixNanos)
                                    .orElseGet(() -> LoadRun.unixNanos(clock.instant()))));
        }
        if (config.traceIdsOutput().isEmpty()) {
            return new SpanLoadRun(config, pool, plan, null, clock, progress).run();
        }
        try (TraceIdFile ids = new TraceIdFile(config.traceIdsOutput().get())) {
            return new SpanLoadRun(config, pool, plan, ids, clock, progress).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config.traceIdsOutput().get(), e);
        }
    }

    public static String usage() {
        LoadConfig d = LoadConfig.defaults();
        return """
            Usage: load-spans [flags]
            Posts a shop API's traces (frontend, catalog, cart, checkout, payment, shipping, search;
            ~15 attributes a span) as OTLP/HTTP protobuf to ENDPOINT/v1/traces, or with --zipkin the
            same spans as Zipkin v2 JSON to ENDPOINT/api/v2/spans, and reports throughput, HTTP
            statuses and latency (measured from each request's scheduled time).

              --endpoint URL        base URL (default %s; with --zipkin %s)
              --zipkin              send Zipkin v2 JSON instead of OTLP protobuf
              --rate N              target spans per second, 0 = as fast as possible (default %d)
              --duration D          how long to send and measure: 500ms, 60s, 2m, 1h (default %ds)
              --warmup D            send at the same rate for D first, reported apart (default 0)
              --batch N             spans per request, whole traces (default %d)
              --connections N       concurrent requests, one connection each (default %d)
              --seed N              generator seed; the same seed sends the same spans in either format (default %d)
              --pool N              distinct pre-built bodies; ids and times are new on every send (default %d)
              --max-requests N      stop after N requests, 0 = no limit but --duration (default 0)
              --timeout D           per-request timeout (default %ds)
              --progress D          progress line to stderr every D, 0 = none (default %ds)
              --json FILE           also write the summary as JSON to FILE
              --trace-ids-out FILE  write the id of every trace in an acknowledged request to FILE, one a line
              --allow-remote        accept a non-loopback endpoint (refused by default)

            Backfill (the trace store's corpus; off by default):
              --span D              spread the run's --max-requests x --batch spans evenly over the D
                                    before --span-end, oldest first (each trace keeps its shape)
              --span-end T          end of the span: ISO-8601 or epoch ms (default: the run's start)
              -h, --help            print this help

            Exit status: 0 when spans were acknowledged, 1 when none were, 2 on a bad flag.
            """.formatted(d.endpoint(), SpanLoadConfig.DEFAULT_ZIPKIN_ENDPOINT, d.recordsPerSecond(),
                d.duration().toSeconds(), d.batch(), d.connections(), d.seed(), d.poolSize(),
                d.requestTimeout().toSeconds(), d.progressInterval().toSeconds());
    }
}
