package io.sightline.query.rules;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.Node;

import io.sightline.query.rules.RuleTestFile.AlertTest;
import io.sightline.query.rules.RuleTestFile.ExpectedAlert;
import io.sightline.query.rules.RuleTestFile.ExpectedSample;
import io.sightline.query.rules.RuleTestFile.ExprTest;
import io.sightline.query.rules.RuleTestFile.InputSeries;
import io.sightline.query.rules.RuleTestFile.TestGroup;

/**
 * Reads one promtool rule unit test file as strictly as promtool's {@code yaml.UnmarshalStrict}: an
 * unknown or repeated field anywhere, or a value of the wrong kind, is a problem naming the field,
 * its {@code line:col} and promtool's Go type ({@code main.testGroup}, …); all problems of a file are
 * reported together. Fields promtool knows that Sightline does not implement ({@code fuzzy_compare:
 * true}, {@code start_timestamp}, a sample's {@code histogram}) are refused, not ignored, so a test
 * never passes for a reason promtool would not accept. Not thread-safe; one per file.
 */
final class RuleTestFileReader {
    private static final Set<String> FILE_FIELDS =
            Set.of("rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare");
    private static final Set<String> GROUP_FIELDS = Set.of("interval", "input_series", "alert_rule_test",
            "promql_expr_test", "external_labels", "external_url", "name", "start_timestamp");
    private static final Set<String> SERIES_FIELDS = Set.of("series", "values");
    private static final Set<String> ALERT_TEST_FIELDS = Set.of("eval_time", "alertname", "exp_alerts");
    private static final Set<String> ALERT_FIELDS = Set.of("exp_labels", "exp_annotations");
    private static final Set<String> EXPR_TEST_FIELDS = Set.of("expr", "eval_time", "exp_samples");
    private static final Set<String> SAMPLE_FIELDS = Set.of("labels", "value", "histogram");
    private static final String UNSUPPORTED = " is not supported by sightline test-rules";
    /** Problems in document order, as yaml.v2 reports them: by line, then column ({@code line:col: ...}). */
    private static final Comparator<String> BY_POSITION = Comparator
            .comparingInt((String p) -> positionPart(p, 0)).thenComparingInt(p -> positionPart(p, 1));
    /** promtool's default {@code evaluation_interval}. */
    private static final long DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    RuleTestFileReader(Path file) {
        this.file = file;
    }

    /**
     * The test file, its rule files resolved against its folder and globs expanded.
     *
     * @throws IllegalArgumentException {@code yaml: unmarshal errors:} and one {@code line:col: problem}
     *                                  per line, as promtool's yaml.v2 words them (with columns);
     *                                  a YAML syntax error names the file, line and column
     */
    RuleTestFile read(String yaml) {
        Node root;
        try {
            root = YamlFields.compose(file.toString(), yaml);
        } catch (RuleFileException e) {
            throw new IllegalArgumentException(String.join("\n", e.problems()), e);
        }
        YamlFields top = YamlFields.of(root, "main.unitTestFile", FILE_FIELDS, problems);
        if (top.bool("fuzzy_compare", problems)) {
            problems.add(YamlFields.position(top.keyNode("fuzzy_compare")) + ": field fuzzy_compare" + UNSUPPORTED);
        }
        long evalInterval = top.duration("evaluation_interval", problems);
        if (evalInterval == 0) {
            evalInterval = DEFAULT_EVALUATION_INTERVAL_MS;
        }
        List<Path> ruleFiles = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (Node f : top.sequence("rule_files", "string", problems)) {
            String pattern = YamlFields.string(f, problems);
            if (!pattern.isEmpty()) {
                ruleFiles.addAll(glob(dir, pattern));
            }
        }
        List<String> order = new ArrayList<>();
        for (Node g : top.sequence("group_eval_order", "string", problems)) {
            order.add(YamlFields.string(g, problems));
        }
        List<TestGroup> tests = new ArrayList<>();
        for (Node t : top.sequence("tests", "main.testGroup", problems)) {
            tests.add(testGroup(t, evalInterval));
        }
        if (!problems.isEmpty()) {
            problems.sort(BY_POSITION);
            throw new IllegalArgumentException("yaml: unmarshal errors:\n  " + String.join("\n  ", problems));
        }
        return new RuleTestFile(ruleFiles, evalInterval, order, tests);
    }

    private TestGroup testGroup(Node node, long evalInterval) {
        YamlFields t = YamlFields.of(node, "main.testGroup", GROUP_FIELDS, problems);
        unsupported(t, "start_timestamp");
        List<InputSeries> series = new ArrayList<>();
        for (Node s : t.sequence("input_series", "main.series", problems)) {
            YamlFields f = YamlFields.of(s, "main.series", SERIES_FIELDS, problems);
            series.add(new InputSeries(f.string("series", problems), f.string("values", problems)));
        }
        List<AlertTest> alerts = new ArrayList<>();
        for (Node a : t.sequence("alert_rule_test", "main.alertTestCase", problems)) {
            YamlFields f = YamlFields.of(a, "main.alertTestCase", ALERT_TEST_FIELDS, problems);
            List<ExpectedAlert> expected = new ArrayList<>();
            for (Node e : f.sequence("exp_alerts", "main.alert", problems)) {
                YamlFields ef = YamlFields.of(e, "main.alert", ALERT_FIELDS, problems);
                expected.add(new ExpectedAlert(ef.stringMap("exp_labels", problems),
                        ef.stringMap("exp_annotations", problems)));
            }
            alerts.add(new AlertTest(f.duration("eval_time", problems), f.string("alertname", problems), expected));
        }
        List<ExprTest> exprs = new ArrayList<>();
        for (Node e : t.sequence("promql_expr_test", "main.promqlTestCase", problems)) {
            YamlFields f = YamlFields.of(e, "main.promqlTestCase", EXPR_TEST_FIELDS, problems);
            List<ExpectedSample> samples = new ArrayList<>();
            for (Node s : f.sequence("exp_samples", "main.sample", problems)) {
                YamlFields sf = YamlFields.of(s, "main.sample", SAMPLE_FIELDS, problems);
                if (!sf.string("histogram", problems).isEmpty()) {
                    problems.add(YamlFields.position(sf.keyNode("histogram")) + ": field histogram" + UNSUPPORTED
                            + " (no native histograms)");
                }
                samples.add(new ExpectedSample(sf.string("labels", problems), sf.float64("value", problems)));
            }
            exprs.add(new ExprTest(f.string("expr", problems), f.duration("eval_time", problems), samples));
        }
        long interval = t.duration("interval", problems);
        return new TestGroup(t.string("name", problems), interval == 0 ? evalInterval : interval, series, alerts,
                exprs, t.stringMap("external_labels", problems), t.string("external_url", problems));
    }

    private void unsupported(YamlFields fields, String key) {
        Node node = fields.node(key);
        if (node != null && !YamlFields.isNull(node)) {
            problems.add(YamlFields.position(fields.keyNode(key)) + ": field " + key + UNSUPPORTED);
        }
    }

    private static int positionPart(String problem, int index) {
        String[] parts = problem.split(":", 3);
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Integer.MAX_VALUE; // no position: last
        }
    }

    /** A rule file path relative to the test file's folder; a glob in the last part is expanded, sorted. */
    private static List<Path> glob(Path dir, String pattern) {
        Path p = dir.resolve(pattern);
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
            return List.of(p);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
        try (Stream<Path> files = Files.list(p.getParent())) {
            return files.filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
