package io.sightline.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/rules/*_test.yml} (promtool's rule unit test format) through
 * {@link RuleTests}, one dynamic test per file; and every {@code failing/*_test.yml}, each failing on
 * purpose with the errors its {@code #> } comment lines spell out (joined by newlines, in order).
 */
class RuleTestFilesTest {
    private static Path resources() throws URISyntaxException {
        return Path.of(RuleTestFilesTest.class.getResource("/rules").toURI());
    }

    @TestFactory
    Stream<DynamicTest> ruleTestFilesPass() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> list = Files.list(resources())) {
            files = list.filter(p -> p.getFileName().toString().endsWith("_test.yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertThat(RuleTests.errors(f)).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> failingTestFilesFailWithTheirErrors() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> list = Files.list(resources().resolve("failing"))) {
            files = list.filter(p -> p.getFileName().toString().endsWith("_test.yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(1);
        return files.stream().map(f -> DynamicTest.dynamicTest("failing/" + f.getFileName(), () -> {
            List<String> expected = Files.readAllLines(f).stream().filter(l -> l.startsWith("#> "))
                    .map(l -> l.substring(3)).toList();
            assertThat(expected).as("the file's expected errors").isNotEmpty();
            assertThat(String.join("\n", RuleTests.errors(f))).isEqualTo(String.join("\n", expected));
            PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(RuleTests.testMain(List.of(f.toString()), discard, discard)).as("exit code").isEqualTo(1);
        }));
    }

    @Test
    void limitErrorsStopTheTestAsPromtoolDoes() throws URISyntaxException {
        Path file = resources().resolve("failing/limit_test.yml");
        assertThat(RuleTests.errors(file)).containsExactly("    rule: TooMany, time: 0s, err: exceeded limit of 1 with 2 alerts");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RuleTests.testMain(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Unit Testing:  " + file + "\n\n");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("  FAILED:\n    rule: TooMany, time: 0s, err: exceeded limit of 1 with 2 alerts\n\n");
    }

    @Test
    void aWrongExpectationIsReportedWithBothSides(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.copy(resources().resolve("alerts.yml"), dir.resolve("alerts.yml"));
        Path test = dir.resolve("t.yml");
        Files.writeString(test, """
                rule_files: [alerts.yml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="api", instance="a:1"}'
                        values: '0'
                    alert_rule_test:
                      - eval_time: 0m
                        alertname: InstanceDownNow
                        exp_alerts: []
                    promql_expr_test:
                      - expr: up
                        eval_time: 0m
                        exp_samples:
                          - labels: 'up{job="api"}'
                            value: 2
                """);
        assertThat(RuleTests.errors(test)).containsExactly(
                "    alertname: InstanceDownNow, time: 0s, \n        exp:[], \n        got:[\n"
                        + "            0:\n"
                        + "              Labels:{alertname=\"InstanceDownNow\", instance=\"a:1\", job=\"api\"}\n"
                        + "              Annotations:{}\n"
                        + "            ]",
                "    expr: \"up\", time: 0s,\n        exp: up{job=\"api\"} 2E+00\n"
                        + "        got: up{instance=\"a:1\", job=\"api\"} 0E+00");
    }
}
