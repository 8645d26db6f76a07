package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-rules [--logql] FILE...} through {@link Main#run}: the option's wiring and exit codes. */
class CheckRulesCommandTest {
    private static final String LOGQL_RULES = """
            groups:
              - name: logs
                rules:
                  - alert: ManyTimeouts
                    expr: sum by (service_name) (count_over_time({level="ERROR"} |= "timeout" [5m])) > 10
            """;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void logqlFilesPassOnlyWithTheLogqlOption() throws Exception {
        Path file = Files.writeString(dir.resolve("logs.yml"), LOGQL_RULES);
        assertThat(run("check-rules", "--logql", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Checking " + file + "\n  SUCCESS: 1 rules found\n\n");
        assertThat(run("check-rules", file.toString(), "--logql")).isZero();
        assertThat(run("check-rules", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("  FAILED:\n" + file + ": 5:15: ")
                .contains("could not parse expression");
    }

    @Test
    void unknownOptionsAreRefusedAndHelpIsAnswered() {
        assertThat(run("check-rules", "--logq", "x.yml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("check-rules: unknown option '--logq'; usage: check-rules [--logql] FILE...");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run("check-rules", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: check-rules [--logql] FILE...");
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("check-rules --logql FILE...");
    }
}
