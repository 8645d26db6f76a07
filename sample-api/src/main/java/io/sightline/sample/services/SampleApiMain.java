package io.sightline.sample.services;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sample-api}: runs the three sample services until the JVM is asked to stop (Ctrl-C,
 * SIGTERM), then closes them cleanly, flushing their telemetry. The appliance calls {@link #run}
 * for {@code java -jar sightline.jar sample-api ...}.
 */
public final class SampleApiMain {
    private SampleApiMain() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Blocks until a JVM shutdown (or an interrupt of the calling thread).
     *
     * @return 0 after a clean stop or {@code --help}, 1 when the services cannot start, 2 for a bad flag
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SampleApiArgs.Parsed parsed;
        try {
            parsed = SampleApiArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sample-api: " + e.getMessage());
            return 2;
        }
        if (parsed.help()) {
            out.print(SampleApiArgs.USAGE);
            return 0;
        }
        SampleServicesConfig config = parsed.config();
        SampleServices services;
        try {
            services = SampleServices.start(config);
        } catch (RuntimeException e) {
            err.println("sample-api: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM halts once its hooks return, so the hook itself closes (and flushes) the services.
        Thread hook = new Thread(() -> {
            err.println("sample-api: stopping; sending the last telemetry to " + config.otlpEndpoint());
            services.close();
            stopped.countDown();
        }, "sample-api-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("frontend  " + services.frontendUri() + "  (GET /api/stock/{sku}, POST /api/orders, GET /api/orders/{id})");
        out.println("orders    " + services.ordersUri());
        out.println("inventory " + services.inventoryUri());
        out.println("exporting OTLP/HTTP to " + config.otlpEndpoint() + " every " + DurationText.format(config.exportInterval())
                + "; Ctrl-C to stop");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is closing the services already
                return 0;
            }
            services.close();
        }
        return 0;
    }
}
