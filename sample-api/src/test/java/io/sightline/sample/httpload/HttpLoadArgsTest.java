package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpLoadArgsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToTheSampleShopOnTheFrontend() {
        HttpLoadArgs.Parsed p = HttpLoadArgs.parse(List.of());
        assertThat(p.scenario()).isEqualTo(HttpLoadScenario.sampleShop(URI.create("http://127.0.0.1:8081")));
        assertThat(p.reporting().otlpEndpoint()).isEmpty();
        assertThat(p.reporting().runId()).matches("\\d{8}-\\d{6}");
        assertThat(p.json()).isEmpty();
        assertThat(p.quiet()).isFalse();
        assertThat(p.help()).isFalse();
        assertThat(p.options()).isEqualTo(HttpLoadOptions.defaults());
    }

    @Test
    void readsEveryFlag() {
        HttpLoadArgs.Parsed p = HttpLoadArgs.parse(List.of("--target", "http://localhost:9000", "--users", "200",
                "--spawn-rate=20.5", "--rate", "5k", "--duration", "2m", "--think-time", "100ms",
                "--otlp-endpoint", "http://127.0.0.1:4318", "--run-id", "before", "--json", "/tmp/x.json",
                "--timeout", "3s", "--seed", "7", "--quiet"));
        HttpLoadScenario s = p.scenario();
        assertThat(s.target()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(s.users()).isEqualTo(200);
        assertThat(s.spawnRate()).isEqualTo(20.5);
        assertThat(s.targetRate()).isEqualTo(5000);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.thinkTime()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.reporting().otlpEndpoint()).contains(URI.create("http://127.0.0.1:4318"));
        assertThat(p.reporting().runId()).isEqualTo("before");
        assertThat(p.json()).contains(Path.of("/tmp/x.json"));
        assertThat(p.options().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.options().seed()).isEqualTo(7);
        assertThat(p.quiet()).isTrue();
    }

    @Test
    void flagsOverrideTheScenarioFileWhateverTheirOrder() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                target: http://127.0.0.1:7000
                users: 3
                rate: 10
                duration: 5s
                endpoints: [{name: home, path: /}]
                """);
        HttpLoadArgs.Parsed p = HttpLoadArgs.parse(List.of("--users", "9", "--target", "http://127.0.0.1:7001",
                "--scenario", file.toString(), "--duration", "0"));
        assertThat(p.scenario().users()).isEqualTo(9);
        assertThat(p.scenario().target()).isEqualTo(URI.create("http://127.0.0.1:7001"));
        assertThat(p.scenario().targetRate()).isEqualTo(10);
        assertThat(p.scenario().duration()).isZero();
        assertThat(p.scenario().endpoints()).extracting(HttpEndpoint::name).containsExactly("home");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --users x                | --users must be a whole number
            --users 0                | --users must be at least 1
            --spawn-rate 0           | --spawn-rate must be above 0
            --rate -5                | --rate must be 0 (unlimited) or above
            --rate lots              | --rate must be a number
            --duration forever       | --duration must be a duration
            --think-time 1d          | --think-time must be a duration
            --target ftp://h         | --target must be an http:// or https:// URL
            --otlp-endpoint nohost   | --otlp-endpoint must be an http:// or https:// URL
            --timeout 0              | --timeout must be above 0
            --bogus 1                | unknown flag --bogus
            --users                  | --users needs a value
            stray                    | unexpected argument 'stray'
            """)
    void aBadFlagExitsWithUsageNamingIt(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HttpLoadMain.run(List.of(args.split(" ")), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(HttpLoadMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("load: " + message);
    }

    @Test
    void aBadScenarioFileExitsWithUsageNamingTheLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "users: 2\nendpoints:\n  - path: /\n    weight: -1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HttpLoadMain.run(List.of("--scenario", file.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(HttpLoadMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("load: bad.yaml:4: endpoints[0].weight must be at least 1: -1");
        err.reset();
        assertThat(HttpLoadMain.run(List.of("--scenario", dir.resolve("none.yaml").toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(HttpLoadMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read scenario file");
    }

    @Test
    void helpListsTheFlags() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(HttpLoadMain.run(List.of("--users", "3", "--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--target URL", "--scenario FILE", "--spawn-rate",
                "--think-time", "--otlp-endpoint", "--run-id", "--json", "--quiet", "{sku}");
    }
}
