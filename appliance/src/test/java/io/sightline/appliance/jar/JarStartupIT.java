package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a user meets it: {@code java --sun-misc-unsafe-memory-access=allow -jar
 * sightline.jar} and nothing else. It must start on an empty data directory, print no JVM warnings
 * (the manifest's Add-Exports, Add-Opens and Enable-Native-Access must cover everything), never
 * reach beyond loopback, and explain its options.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JarStartupIT {
    /** Generous: ~3.5 s on a quiet machine, but the machine may be busy. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Under strace every thread start and syscall of interest is slower. */
    private static final Duration TRACED_READY_TIMEOUT = Duration.ofSeconds(90);
    /** Words of the JVM's own warnings about module access, native access and Unsafe. */
    private static final List<String> JVM_WARNING_WORDS = List.of("illegal reflective access", "--add-opens",
            "--add-exports", "--enable-native-access", "restricted method", "sun.misc.Unsafe", "terminally deprecated");
    private static final String LOGS_LAG = "sightline_wal_consumer_lag_entries{consumer=\"logs-store\",signal=\"logs\"}";

    @TempDir
    Path dir;

    @Test
    void startsOnAnEmptyDataDirectoryWithoutWarnings() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        String stderr;
        try (JarProcess jar = JarProcess.serve(dir, "plain", data, List.of(), List.of(), List.of(), READY_TIMEOUT)) {
            System.out.printf("java %s -jar sightline.jar: ready in %d ms on an empty data directory%n",
                    JarProcess.UNSAFE_FLAG, jar.startup().toMillis());
            exercise(jar.client(), "plain");
            int exit = jar.stop();
            stderr = jar.stderr();
            System.out.printf("stopped with SIGTERM: exit code %d%n", exit);
        }
        List<String> lines = stderr.lines().toList();
        assertThat(lines).as("stderr of java -jar sightline.jar:%n%s", stderr)
                .noneMatch(line -> line.startsWith("WARNING:"))
                .noneMatch(JarStartupIT::isJvmWarning);
    }

    @Test
    void connectsToNothingButLoopback() throws Exception {
        boolean strace = ConnectTrace.straceAvailable();
        Path trace = dir.resolve("connect.strace");
        Path data = Files.createDirectory(dir.resolve("data"));
        try (ProxyTrap trap = new ProxyTrap()) {
            try (JarProcess jar = JarProcess.serve(dir, "traced", data, strace ? ConnectTrace.straceCommand(trace) : List.of(),
                    trap.jvmFlags(), List.of(), strace ? TRACED_READY_TIMEOUT : READY_TIMEOUT)) {
                System.out.printf("%s: ready in %d ms%n", strace ? "under strace" : "without strace", jar.startup().toMillis());
                exercise(jar.client(), "traced");
                jar.stop();
                if (strace) {
                    // Proves strace followed the JVM's threads into this file: the HTTP listener's bind() is there.
                    assertThat(ConnectTrace.binds(trace)).as("bind() calls traced in %s", trace)
                            .anyMatch(line -> line.contains("htons(" + jar.httpPort() + ")"));
                }
            }
            assertThat(trap.connections()).as("connections to the proxy named by -Dhttp(s).proxyHost/-DsocksProxyHost")
                    .isEmpty();
        }
        Assumptions.assumeTrue(strace, "strace is not on the PATH: the connect() check is skipped (.ci/run installs it)");
        List<String> connects = ConnectTrace.connects(trace);
        System.out.printf("connect() calls traced: %d%n", connects.size());
        connects.forEach(line -> System.out.println("  " + line));
        assertThat(ConnectTrace.outbound(trace)).as("connect() calls beyond loopback and AF_UNIX").isEmpty();
    }

    @Test
    void helpNamesEveryPortAndPathOptionWithItsEnvironmentVariable() throws Exception {
        JarProcess.Result help = JarProcess.run(dir, "help", List.of(), List.of("--help"));
        assertThat(help.exitCode()).as("exit code of --help; stderr:%n%s", help.stderr()).isZero();
        assertThat(help.stderr()).as("stderr of java -jar sightline.jar --help").isEmpty();
        for (String option : List.of("data-dir", "http-port", "otlp-grpc-port", "otlp-http-port", "bind", "config")) {
            String variable = "SIGHTLINE_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
            String block = String.join("\n", optionBlock(help.stdout(), "--" + option));
            assertThat(block).as("--help about --%s:%n%s", option, help.stdout()).startsWith("  --" + option).contains(variable);
        }
    }

    @Test
    void aBadPortStopsWithExitCode2NamingTheOption() throws Exception {
        JarProcess.Result bad = JarProcess.run(dir, "bad-port", List.of(), List.of("--http-port", "nope"));
        assertThat(bad.exitCode()).as("exit code; stderr:%n%s", bad.stderr()).isEqualTo(2);
        assertThat(bad.stderr()).contains("http-port").contains("nope").doesNotContain("\tat ");
        System.out.printf("--http-port nope: %s", bad.stderr());
    }

    /**
     * Exercises what runs lazily: an OTLP/HTTP export, indexing, a search, the UI page, /metrics, and
     * the log index's first commit (which brings the WAL consumer lag to 0).
     */
    private static void exercise(ApplianceClient client, String name) throws Exception {
        assertThat(client.export(LogSender.batch("startup-" + name, List.of(name + "-1", name + "-2")))).isEqualTo(200);
        Poll.until("both records are searchable", Duration.ofSeconds(30), Duration.ofMillis(50),
                () -> client.countLogs(Map.of("service", "startup-" + name)) == 2);
        assertThat(client.get("/logs").statusCode()).as("the logs page").isEqualTo(200);
        Poll.until(LOGS_LAG + " is 0 (the log index committed)", Duration.ofSeconds(60), Duration.ofMillis(100),
                () -> client.metric(LOGS_LAG).orElse(-1) == 0);
    }

    private static boolean isJvmWarning(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("warning") && JVM_WARNING_WORDS.stream().anyMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)));
    }

    /** The lines --help prints about one option: its own line and the indented ones up to the next option. */
    private static List<String> optionBlock(String help, String flag) {
        List<String> block = new ArrayList<>();
        for (String line : help.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("--")) {
                if (!block.isEmpty()) {
                    break;
                }
                if (stripped.equals(flag) || stripped.startsWith(flag + " ")) {
                    block.add(line);
                }
            } else if (!block.isEmpty()) {
                if (stripped.isEmpty()) {
                    break;
                }
                block.add(line);
            }
        }
        return block;
    }
}
