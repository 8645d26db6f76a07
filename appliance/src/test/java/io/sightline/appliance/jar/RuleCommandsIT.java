package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline check-rules} (PromQL, and LogQL with {@code --logql}) and {@code sightline test-rules}
 * from the jar, as promtool's {@code check rules} and {@code test rules} answer: exit codes,
 * SUCCESS / FAILED, line numbers.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RuleCommandsIT {
    private static final String RULES = """
            groups:
              - name: api
                rules:
                  - record: job:errors:ratio
                    expr: sum by (job) (errors) / sum by (job) (requests)
                  - alert: HighErrorRatio
                    expr: job:errors:ratio > 0.1
                    for: 1m
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.job }} errs {{ humanizePercentage $value }}"}
            """;
    private static final String TESTS = """
            rule_files: [rules.yml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'errors{job="api"}'
                    values: '0 20 40 60'
                  - series: 'requests{job="api"}'
                    values: '100+0x3'
                alert_rule_test:
                  - eval_time: 1m
                    alertname: HighErrorRatio
                    exp_alerts: []
                  - eval_time: 3m
                    alertname: HighErrorRatio
                    exp_alerts:
                      - exp_labels: {job: api, severity: page}
                        exp_annotations: {summary: "api errs 60%"}
            """;

    @TempDir
    Path dir;

    @Test
    void checkRulesAnswersAsPromtool() throws Exception {
        Path good = Files.writeString(dir.resolve("rules.yml"), RULES);
        Path bad = Files.writeString(dir.resolve("bad.yml"), "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n");
        JarProcess.Result ok = JarProcess.run(dir, "check-good", List.of(), List.of("check-rules", good.toString()));
        assertThat(ok.exitCode()).as(ok.stdout() + ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("Checking " + good).contains("SUCCESS: 2 rules found");
        JarProcess.Result failed = JarProcess.run(dir, "check-bad", List.of(), List.of("check-rules", bad.toString()));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout() + failed.stderr()).contains("FAILED").contains("5:");
    }

    @Test
    void checkRulesWithLogqlChecksLokiRulerFiles() throws Exception {
        Path logs = Files.writeString(dir.resolve("logs.yml"), """
                groups:
                  - name: logs
                    rules:
                      - alert: ManyTimeouts
                        expr: sum by (service_name) (count_over_time({level="ERROR"} |= "timeout" [5m])) > 10
                """);
        JarProcess.Result ok = JarProcess.run(dir, "check-logql", List.of(), List.of("check-rules", "--logql", logs.toString()));
        assertThat(ok.exitCode()).as(ok.stdout() + ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("Checking " + logs).contains("SUCCESS: 1 rules found");
        JarProcess.Result asPromql = JarProcess.run(dir, "check-logql-as-promql", List.of(), List.of("check-rules", logs.toString()));
        assertThat(asPromql.exitCode()).isEqualTo(1);
        assertThat(asPromql.stdout() + asPromql.stderr()).contains("FAILED").contains("5:15:");
    }

    @Test
    void testRulesRunsPromtoolUnitTests() throws Exception {
        Files.writeString(dir.resolve("rules.yml"), RULES);
        Path tests = Files.writeString(dir.resolve("rules_test.yml"), TESTS);
        JarProcess.Result passed = JarProcess.run(dir, "test-rules", List.of(), List.of("test-rules", tests.toString()));
        assertThat(passed.exitCode()).as(passed.stdout() + passed.stderr()).isZero();
        assertThat(passed.stdout()).contains("SUCCESS");
        Path wrong = Files.writeString(dir.resolve("wrong_test.yml"), TESTS.replace("api errs 60%", "api errs 61%"));
        JarProcess.Result failed = JarProcess.run(dir, "test-rules-wrong", List.of(), List.of("test-rules", wrong.toString()));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout() + failed.stderr()).contains("FAILED").contains("61%");
        Path misspelled = Files.writeString(dir.resolve("misspelled_test.yml"), TESTS.replace("exp_annotations", "exp_anotations"));
        JarProcess.Result refused = JarProcess.run(dir, "test-rules-misspelled", List.of(),
                List.of("test-rules", misspelled.toString()));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("FAILED:").contains("yaml: unmarshal errors:")
                .contains("18:13: field exp_anotations not found in type main.alert");
    }
}
