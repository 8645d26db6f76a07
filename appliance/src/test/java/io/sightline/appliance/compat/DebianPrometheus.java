package io.sightline.appliance.compat;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus (package {@code prometheus}, 2.42; {@code .ci/run} installs it) as a child
 * process with the remote_write receiver on, an empty scrape configuration (or the one given) and
 * its own data folder. Tests skip, saying why, where it is not installed.
 */
public final class DebianPrometheus implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final Path log;
    private final URI base;

    private DebianPrometheus(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    public static DebianPrometheus start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, "global:\n  scrape_interval: 1h\n");
    }

    /** Starts it with {@code configYaml} as its configuration file (scrape_configs included). */
    public static DebianPrometheus start(Path dir, int port, String configYaml) throws IOException, InterruptedException {
        assumeThat(Files.isExecutable(BINARY))
                .as("needs Debian's prometheus package at %s (apt-get install prometheus)", BINARY).isTrue();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), configYaml);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DebianPrometheus prometheus = new DebianPrometheus(process, log, URI.create("http://127.0.0.1:" + port));
        prometheus.awaitReady();
        return prometheus;
    }

    public URI base() {
        return base;
    }

    /** Its log so far (standard output and error). */
    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                process.onExit().get(50, TimeUnit.MILLISECONDS); // a poll interval that ends early on exit
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still running: poll again
            }
        }
        throw new AssertionError("prometheus not ready within 60 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
