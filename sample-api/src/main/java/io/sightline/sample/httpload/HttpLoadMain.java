package io.sightline.sample.httpload;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line of the HTTP load generator ({@code java -jar sightline.jar load ...}): drives the
 * sample services' shop, or any HTTP target described by a scenario file, and prints a live
 * progress line to {@code err} and the summary table to {@code out}. {@code --help} lists the flags.
 */
public final class HttpLoadMain {

    /** Exit status when the run ended without one answer (every request failed to connect, say). */
    public static final int EXIT_NO_ANSWERS = 1;
    /** Exit status for a bad command line or scenario file. */
    public static final int EXIT_USAGE = 2;

    private HttpLoadMain() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * {@link #main} without the exit. Ctrl-C (a JVM shutdown) ends the run early and still prints
     * the summary.
     *
     * @return 0 when requests were answered, {@link #EXIT_NO_ANSWERS} when none was,
     *     {@link #EXIT_USAGE} for a bad flag or scenario file
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        HttpLoadArgs.Parsed parsed;
        try {
            parsed = HttpLoadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("load: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.println("load: " + e.getMessage() + ": " + e.getCause().getMessage());
            return EXIT_USAGE;
        }
        if (parsed.help()) {
            out.print(usage());
            return 0;
        }
        HttpLoadScenario s = parsed.scenario();
        HttpLoadReporting reporting = parsed.quiet() ? parsed.reporting() : parsed.reporting().withProgress(err);
        if (!parsed.quiet()) {
            err.printf(Locale.ROOT, "load: %d users (%s/s spawned) on %s, %s, for %s%s; run id %s%s%n", s.users(),
                    trim(s.spawnRate()), s.target(), s.targetRate() == 0 ? "unlimited rate" : trim(s.targetRate()) + " requests/s",
                    s.duration().isZero() ? "until Ctrl-C" : s.duration().toString().substring(2).toLowerCase(Locale.ROOT),
                    s.thinkTime().isZero() ? "" : ", think time " + s.thinkTime().toMillis() + " ms", reporting.runId(),
                    reporting.otlpEndpoint().map(u -> "; metrics to " + u).orElse(""));
        }
        HttpLoadSummary summary;
        CountDownLatch printed = new CountDownLatch(1);
        try (HttpLoad load = HttpLoad.start(s, reporting, parsed.options())) {
            Thread onExit = new Thread(() -> {
                load.close();
                try {
                    printed.await(10, TimeUnit.SECONDS); // let run() print the summary before the JVM exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "http-load-shutdown");
            Runtime.getRuntime().addShutdownHook(onExit);
            summary = load.awaitCompletion();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook waits for the summary below
            }
        }
        try {
            out.print(summary.toText());
            out.flush();
            if (parsed.json().isPresent()) {
                Files.writeString(parsed.json().get(), summary.toJson() + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("load: cannot write the JSON summary: " + e);
            return EXIT_NO_ANSWERS;
        } finally {
            printed.countDown();
        }
        long answered = summary.total().requests() - summary.total().connectionErrors();
        return answered > 0 ? 0 : EXIT_NO_ANSWERS;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public static String usage() {
        return """
            Usage: load [flags]
            Drives an HTTP target with virtual users, each with one keep-alive connection and one
            request at a time, and reports requests/s, failures and latency per endpoint. Without
            --scenario it loads the sample services' shop through their frontend:
              GET /api/stock/{sku} (weight 5), POST /api/orders (3), GET /api/orders/{orderId} (2).

              --target URL          base URL of the target (default %s)
              --scenario FILE       YAML scenario: target, users, spawnRate, rate, duration,
                                    thinkTime, endpoints [{name, method, path, body, weight}];
                                    the flags below override its values
              --users N             concurrent virtual users (default %d)
              --spawn-rate N        users started per second (default %s)
              --rate N              requests/s over all users, 0 = as fast as they go (default 0);
                                    latency then counts from each request's due time
              --duration D          run length, ramp-up included: 500ms, 30s, 2m, 1h; 0 = until
                                    Ctrl-C (default %ds)
              --think-time D        each user's pause between an answer and its next request (default 0)
              --otlp-endpoint URL   push the results as metrics over OTLP/HTTP to URL/v1/metrics
                                    (e.g. Sightline's http://127.0.0.1:4318); default: none
              --run-id ID           the load.run.id of the metrics and the summary (default: a timestamp)
              --json FILE           also write the summary as JSON to FILE
              --timeout D           longest wait for an answer (default 30s)
              --seed N              seed of the endpoint choice and placeholders (default 1)
              --quiet               no progress line (the summary is still printed)
              -h, --help            print this help

            Placeholders in paths and bodies: %s.
            Exit status: 0 when requests were answered, 1 when none was, 2 on a bad flag or scenario.
            """.formatted(HttpLoadScenario.DEFAULT_TARGET, HttpLoadScenario.DEFAULT_USERS,
                trim(HttpLoadScenario.DEFAULT_SPAWN_RATE), HttpLoadScenario.DEFAULT_DURATION.toSeconds(),
                RequestTemplate.KNOWN);
    }
}
