package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar sightline.jar demo} as a newcomer runs it: it gets ready, within a minute the
 * appliance has metrics, logs and traces of all three sample services (what every UI page reads),
 * and SIGTERM stops everything with exit code 0 and no process left behind.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoSmokeIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The services export every 5 s and the load starts at once: a minute is the promise, with room. */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> SERVICES = List.of("frontend", "orders", "inventory");

    @TempDir
    Path dir;

    @Test
    void startsSeesDataForEverySignalAndServiceAndStopsCleanly() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        try (JarProcess demo = JarProcess.start("demo", 3, dir, "demo", data, List.of(), List.of(),
                ports -> List.of("--frontend-port", Integer.toString(ports[0]), "--orders-port", Integer.toString(ports[1]),
                        "--inventory-port", Integer.toString(ports[2])), READY_TIMEOUT)) {
            ApplianceClient client = demo.client();
            for (String service : SERVICES) {
                Poll.until(service + "'s traces", DATA_TIMEOUT, Duration.ofSeconds(1),
                        () -> jaegerServices(client).contains(service));
                Poll.until(service + "'s logs", DATA_TIMEOUT, Duration.ofSeconds(1),
                        () -> client.countLogs(Map.of("service", service)) > 0);
                Poll.until(service + "'s RED metrics", DATA_TIMEOUT, Duration.ofSeconds(1),
                        () -> !client.query("http_server_request_duration_seconds_count{job=\"sightline-demo/" + service + "\"}",
                                Long.toString(System.currentTimeMillis() / 1000)).getAsJsonArray("result").isEmpty());
            }
            Poll.until("the load generator's own metrics", DATA_TIMEOUT, Duration.ofSeconds(1),
                    () -> !client.query("{__name__=~\"load_requests.*\"}", Long.toString(System.currentTimeMillis() / 1000))
                            .getAsJsonArray("result").isEmpty());
            assertThat(Files.readString(dir.resolve("demo.out"))).contains("Sightline demo running", "Ctrl-C stops everything");

            long pid = demo.pid();
            int exit = demo.stop();
            assertThat(exit).as("exit code after SIGTERM; stderr:%n%s", demo.stderr()).isZero();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                    .as("processes left behind").isEmpty();
            assertThat(JarProcess.problemLines(demo.stderr())).as("stderr:%n%s", demo.stderr()).isEmpty();
        }
    }

    @Test
    void theSampleServicesAndTheLoadGeneratorRunFromTheJarToo() throws Exception {
        JarProcess.Result help = JarProcess.run(dir, "help", List.of(), List.of("demo", "--help"));
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("demo [options]", "--incident", "--load-rate", "--data-dir");
        JarProcess.Result services = JarProcess.run(dir, "sample-api-help", List.of(), List.of("sample-api", "--help"));
        assertThat(services.exitCode()).as(services.stderr()).isZero();
        assertThat(services.stdout() + services.stderr()).contains("--otlp-endpoint", "--fault");
        JarProcess.Result load = JarProcess.run(dir, "load-help", List.of(), List.of("load", "--help"));
        assertThat(load.exitCode()).as(load.stderr()).isZero();
        assertThat(load.stdout() + load.stderr()).contains("--users", "--spawn-rate", "--think-time", "--scenario");
        JarProcess.Result bad = JarProcess.run(dir, "demo-bad", List.of(), List.of("demo", "--load-users", "many"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--load-users takes a whole number, got 'many'");
    }

    private static List<String> jaegerServices(ApplianceClient client) throws Exception {
        String body = client.get("/api/services?start=0&end=" + URLEncoder.encode("4102444800000000", StandardCharsets.UTF_8)).body();
        JsonArray services = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("data");
        return services == null ? List.of() : services.asList().stream().map(s -> s.getAsString()).toList();
    }
}
