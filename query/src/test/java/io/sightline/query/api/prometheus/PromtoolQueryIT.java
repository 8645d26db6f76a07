package io.sightline.query.api.prometheus;

import static io.sightline.query.api.prometheus.PromApiServer.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code promtool} (Prometheus's own Go client) against the API: what it prints is what it
 * understood of our JSON. Skipped when promtool is not installed ({@code .ci/run} installs the
 * {@code prometheus} package).
 */
class PromtoolQueryIT {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    Path dir;
    private PromApiServer server;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed");
        server = new PromApiServer(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void instantQuery() {
        Output out = promtool("query", "instant", "--time=" + seconds(600_000), server.baseUrl(), "up");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout()).isEqualTo("""
                up{instance="a:1", job="api"} => 1 @[1700000600]
                up{instance="b:1", job="db"} => 0 @[1700000600]
                """);
    }

    @Test
    void instantQueryOfSpecialValuesAndScalars() {
        Output out = promtool("query", "instant", "--time=" + seconds(600_000), server.baseUrl(), "up / 0");
        assertThat(out.stdout()).isEqualTo("""
                {instance="a:1", job="api"} => +Inf @[1700000600]
                {instance="b:1", job="db"} => NaN @[1700000600]
                """);
        Output scalar = promtool("query", "instant", "--time=1700000600.5", server.baseUrl(), "1.5");
        assertThat(scalar.stdout()).isEqualTo("scalar: 1.5 @[1700000600.5]\n");
    }

    @Test
    void rangeQuery() {
        Output out = promtool("query", "range", "--start=" + seconds(0), "--end=" + seconds(60_000), "--step=30s",
                server.baseUrl(), "http_requests_total");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout()).isEqualTo("""
                http_requests_total{code="200", job="api"} =>
                0 @[1700000000]
                20 @[1700000030]
                40 @[1700000060]
                """);
    }

    @Test
    void seriesAndLabels() {
        // promtool's default range is around its own wall clock, far from this data: give the range.
        String start = "--start=" + seconds(0);
        String end = "--end=" + seconds(600_000);
        Output series = promtool("query", "series", "--match=up", start, end, server.baseUrl());
        assertThat(series.exitCode()).as(series.stderr()).isZero();
        assertThat(series.stdout()).isEqualTo("""
                {__name__="up", instance="a:1", job="api"}
                {__name__="up", instance="b:1", job="db"}
                """);
        Output labels = promtool("query", "labels", start, end, server.baseUrl(), "job");
        assertThat(labels.stdout()).isEqualTo("api\ndb\nx\n");
    }

    @Test
    void errorsAreReportedAsPromtoolReportsPrometheusErrors() {
        Output out = promtool("query", "instant", server.baseUrl(), "up{");
        assertThat(out.exitCode()).isNotZero();
        assertThat(out.stderr()).contains("bad_data: invalid parameter \"query\": 1:4: parse error");
    }

    private record Output(int exitCode, String stdout, String stderr) {
    }

    private Output promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile(dir, "out", ".txt");
            Path stderr = Files.createTempFile(dir, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish in 60 s: " + command);
            }
            return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
