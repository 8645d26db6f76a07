package io.sightline.query.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files: the model read from YAML and rulefmt's problems with their lines and columns. */
class RuleFilesTest {
    @TempDir
    Path dir;

    private static List<String> problems(String yaml) {
        try {
            RuleFiles.parse("r.yml", yaml);
        } catch (RuleFileException e) {
            return e.problems();
        }
        return List.of();
    }

    @Test
    void readsGroupsAndBothKindsOfRules() {
        List<RuleGroup> groups = RuleFiles.parse("r.yml", """
                groups:
                  - name: g
                    interval: 30s
                    limit: 5
                    query_offset: 1m
                    labels: {team: a}
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                        labels: {instance: ""}
                      - alert: Down
                        expr: up == 0
                        for: 5m
                        keep_firing_for: 1m
                        labels: {severity: page, team: b}
                        annotations: {summary: "{{ $labels.job }} down"}
                """);
        assertThat(groups).containsExactly(new RuleGroup("g", 30_000, 5, 60_000, List.of(
                new RecordingRule("job:up:sum", "sum by (job) (up)", Map.of("instance", "", "team", "a")),
                new AlertingRule("Down", "up == 0", 300_000, 60_000, Map.of("severity", "page", "team", "b"),
                        Map.of("summary", "{{ $labels.job }} down"))), "r.yml"));
    }

    @Test
    void ruleProblemsNameLineColumnGroupRuleAndName() {
        assertThat(problems("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: up ==
                      - record: r
                        expr: up
                        for: 1m
                        annotations: {a: b}
                      - expr: up
                      - alert: T
                        expr: up
                        labels: {x: "{{ nope }}"}
                """)).containsExactly(
                "r.yml: 5:15: group \"g\", rule 1, \"A\": could not parse expression: 1:6: parse error: unexpected end of input",
                "r.yml: 6:17: group \"g\", rule 2, \"r\": invalid field 'annotations' in recording rule",
                "r.yml: 6:17: group \"g\", rule 2, \"r\": invalid field 'for' in recording rule",
                "r.yml: 0:0: 0:0: group \"g\", rule 3, \"\": one of 'record' or 'alert' must be set",
                "r.yml: group \"g\", rule 4, \"T\": label \"x\": template: __alert_T:1: function \"nope\" not defined");
    }

    @Test
    void groupProblemsAndStructuralProblems() {
        assertThat(problems("""
                groups:
                  - name: g
                    rules: []
                  - name: g
                  - name: ""
                """)).containsExactly("r.yml: 4:5: groupname: \"g\" is repeated in the same file",
                "r.yml: 5:5: Groupname must not be empty");
        assertThat(problems("""
                groups:
                  - name: g
                    interval: 5x
                    rules:
                      - alert: A
                        expr: up
                        bogus: 1
                        expr: down
                """)).containsExactly("r.yml: 3:15: not a valid duration string: \"5x\"",
                "r.yml: 7:9: field bogus not found in type rulefmt.Rule",
                "r.yml: 8:9: mapping key \"expr\" already defined at line 6");
        assertThat(problems("groups: [\n")).singleElement().asString().startsWith("r.yml: 2:1: yaml: ");
    }

    @Test
    void checkMainPrintsAsPromtool() throws Exception {
        Path good = dir.resolve("good.yml");
        Files.writeString(good, "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n");
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: 'up{'\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RuleFiles.checkMain(List.of(good.toString(), bad.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Checking " + good + "\n  SUCCESS: 1 rules found\n\n"
                + "Checking " + bad + "\n\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("  FAILED:\n" + bad
                + ": 5:15: group \"g\", rule 1, \"a\": could not parse expression: 1:4: parse error: ");
        assertThatThrownBy(() -> RuleFiles.parse(dir.resolve("missing.yml"))).isInstanceOf(RuleFileException.class);
    }

    @Test
    void checkMainWithLogqlChecksLokiRulerFiles() throws Exception {
        Path logs = dir.resolve("logs.yml");
        Files.writeString(logs, """
                groups:
                  - name: logs
                    rules:
                      - alert: ManyErrors
                        expr: sum by (service_name) (count_over_time({level="ERROR"} |= "timeout" [5m])) > 10
                      - record: service:log_lines:rate1m
                        expr: sum by (service_name) (rate({service_name=~".+"}[1m]))
                """);
        Path logQuery = dir.resolve("log-query.yml");
        Files.writeString(logQuery, """
                groups:
                  - name: logs
                    rules:
                      - alert: NotAMetric
                        expr: '{level="ERROR"} |= "timeout"'
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(RuleFiles.checkMain(List.of(logs.toString()), LogqlRuleLanguage.SYNTAX, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Checking " + logs + "\n  SUCCESS: 2 rules found\n\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        out.reset();
        assertThat(RuleFiles.checkMain(List.of(logQuery.toString()), LogqlRuleLanguage.SYNTAX, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("  FAILED:\n" + logQuery + ": 5:15: group \"logs\", rule 1,"
                + " \"NotAMetric\": could not parse expression: a log rule's expression must be a LogQL metric query"
                + " (count_over_time, rate, sum by ..., a comparison), not a log query\n");

        // the same LogQL file is not PromQL: without --logql the pipeline does not parse
        err.reset();
        assertThat(RuleFiles.checkMain(List.of(logs.toString()), o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("  FAILED:\n" + logs
                + ": 5:15: group \"logs\", rule 1, \"ManyErrors\": could not parse expression: ");
    }

    @Test
    void formattedGroupsReadBackToTheSameGroups() throws Exception {
        for (String name : List.of("alerts.yml", "recording.yml")) {
            Path file = Path.of(RuleFilesTest.class.getResource("/rules/" + name).toURI());
            List<RuleGroup> groups = RuleFiles.parse(file);
            List<RuleGroup> again = RuleFiles.parse(file.toString(), RuleFiles.format(groups));
            assertThat(again).as(name).isEqualTo(groups);
        }
        RuleGroup g = new RuleGroup("g", 30_000, 3, 60_000, List.of(
                new AlertingRule("A", "up == 0\nand on() vector(1)", 300_000, 120_000, Map.of("severity", "page", "empty", ""),
                        Map.of("summary", "{{ $labels.job }}: 'quoted' \"and\" 50%")),
                new RecordingRule("r:x", "sum(x)", Map.of())), "f.yml");
        assertThat(RuleFiles.parse("f.yml", RuleFiles.format(List.of(g)))).containsExactly(g);
    }
}
