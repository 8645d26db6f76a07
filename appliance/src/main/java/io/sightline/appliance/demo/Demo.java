package io.sightline.appliance.demo;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import io.sightline.appliance.ConfigException;
import io.sightline.appliance.StartedParts;
import io.sightline.appliance.UntilStopped;
import io.sightline.appliance.load.HttpLoadRuns;
import io.sightline.sample.httpload.HttpLoad;
import io.sightline.sample.httpload.HttpLoadReporting;
import io.sightline.sample.httpload.HttpLoadScenario;
import io.sightline.sample.services.FaultSettings;
import io.sightline.sample.services.SampleServices;
import io.sightline.sample.services.SampleServicesConfig;

/**
 * {@code java -jar sightline.jar demo}: the appliance, the three sample services sending it their
 * telemetry, and a steady load on them, in this one process, until Ctrl-C or SIGTERM; with
 * {@code --incident}, faults that come and go on a schedule ({@link IncidentSchedule}).
 */
public final class Demo implements AutoCloseable {
    /** How often the sample services export: every page has data within the first minute. */
    private static final Duration EXPORT_INTERVAL = Duration.ofSeconds(5);

    private final StartedParts started = new StartedParts();
    private Appliance appliance;
    private SampleServices services;
    private String host;

    private Demo() {
    }

    /** The demo's own options, for {@code --help}. */
    public static String optionsHelp() {
        return DemoOptions.HELP;
    }

    /** Runs the demo until the JVM is asked to stop; returns the exit code (2: bad options, 1: start-up failed). */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Demo demo;
        try {
            DemoOptions options = DemoOptions.parse(args);
            ApplianceConfig config = ApplianceConfig.resolve(options.serveArgs(), environment);
            demo = start(config, options, out);
        } catch (ConfigException e) {
            err.println("sightline demo: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("sightline demo: start-up failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
        return UntilStopped.await(demo, "sightline-demo-shutdown");
    }

    /** Starts every part (closing what started when one fails) and prints where to look. */
    static Demo start(ApplianceConfig config, DemoOptions options, PrintStream out) {
        Demo demo = new Demo();
        try {
            demo.startParts(config, options, out);
            return demo;
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startParts(ApplianceConfig config, DemoOptions options, PrintStream out) {
        HttpLoadRuns pageRuns = new HttpLoadRuns(options.pageLimits(), InstantSource.system());
        appliance = Appliance.start(config, Optional.of(pageRuns));
        started.add(appliance);
        String bind = config.bind();
        host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        services = SampleServices.start(new SampleServicesConfig("http://" + host + ":" + appliance.otlpHttpPort(), bind,
                options.frontendPort(), options.ordersPort(), options.inventoryPort(), EXPORT_INTERVAL, Map.of()));
        started.add(services);
        URI otlpHttp = URI.create("http://" + host + ":" + appliance.otlpHttpPort());
        pageRuns.target(services.frontendUri(), Optional.of(otlpHttp));
        started.add(pageRuns); // stopped before the services
        HttpLoadScenario steady = HttpLoadScenario.sampleShop(services.frontendUri()).withUsers(options.loadUsers())
                .withSpawnRate(options.loadUsers()).withTargetRate(options.loadRate()).withDuration(Duration.ZERO);
        HttpLoad load = HttpLoad.start(steady, HttpLoadReporting.none()
                .withMetrics(URI.create("http://" + host + ":" + appliance.otlpHttpPort()), "demo"));
        started.add(load);
        if (options.incident()) {
            ScheduledExecutorService incidents = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("sightline-demo-incidents").daemon().factory());
            started.add(incidents::shutdownNow);
            long startNanos = System.nanoTime();
            AtomicReference<Map<String, FaultSettings>> current = new AtomicReference<>();
            incidents.scheduleAtFixedRate(() -> {
                Map<String, FaultSettings> faults = IncidentSchedule.faultsAt(Duration.ofNanos(System.nanoTime() - startNanos));
                Map<String, FaultSettings> before = current.getAndSet(faults);
                if (!faults.equals(before)) {
                    faults.forEach(services::setFaults);
                    if (before != null) {
                        out.println(IncidentSchedule.describe(faults));
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
        }
        out.print(urls(options));
        out.flush();
    }

    private String urls(DemoOptions options) {
        String ui = "http://" + host + ":" + appliance.httpPort();
        return """
                Sightline demo running: three sample services under a steady load of %s requests/s.
                  UI                         %s
                  Prometheus API (Grafana)   %s
                  Loki API (Grafana)         %s
                  Jaeger API (Grafana)       %s
                  Tempo API (Grafana)        %s/tempo
                  OTLP/HTTP, OTLP/gRPC       http://%s:%d, http://%s:%d
                  sample frontend            %s  (try GET /api/stock/SKU-1)
                  faults, per service        GET/PUT <service>/admin/faults: frontend %s, orders %s, inventory %s
                %sCtrl-C stops everything.
                """.formatted(formatRate(options.loadRate()), ui, ui, ui, ui, ui, host, appliance.otlpHttpPort(), host,
                appliance.otlpGrpcPort(), services.frontendUri(), services.frontendUri(), services.ordersUri(),
                services.inventoryUri(), options.incident()
                        ? "Incident schedule on: inventory's database slow at minutes 3-10, orders failing at 15-22, every 30 minutes.\n"
                        : "");
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Stops the load, then the services (flushing their telemetry), then the appliance. */
    @Override
    public synchronized void close() {
        started.closeAll();
    }

    int httpPort() {
        return appliance.httpPort();
    }

    SampleServices services() {
        return services;
    }
}
