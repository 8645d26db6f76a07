package io.sightline.query.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.sightline.query.promql.parser.Durations;

/**
 * A promtool rule unit test file ({@code promtool test rules}), read into plain records: rule files
 * (relative to the test file, globs allowed), evaluation interval, group order and the test groups.
 */
record RuleTestFile(List<Path> ruleFiles, long evaluationIntervalMs, List<String> groupEvalOrder, List<TestGroup> tests) {
    record InputSeries(String series, String values) {
    }

    record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {
    }

    record AlertTest(long evalTimeMs, String alertname, List<ExpectedAlert> expected) {
    }

    record ExpectedSample(String labels, double value) {
    }

    record ExprTest(String expr, long evalTimeMs, List<ExpectedSample> expected) {
    }

    record TestGroup(String name, long intervalMs, List<InputSeries> inputSeries, List<AlertTest> alertTests,
                     List<ExprTest> exprTests, Map<String, String> externalLabels, String externalUrl) {
        long maxEvalTimeMs() {
            long max = 0;
            for (AlertTest a : alertTests) {
                max = Math.max(max, a.evalTimeMs());
            }
            for (ExprTest e : exprTests) {
                max = Math.max(max, e.evalTimeMs());
            }
            return max;
        }
    }

    /** @throws IllegalArgumentException on a malformed file, with what is wrong */
    static RuleTestFile read(Path file) {
        Object root;
        try {
            root = new Yaml(new LoaderOptions()).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Map<?, ?> top = map(root, "the file");
        long evalInterval = duration(top.get("evaluation_interval"), 60_000);
        List<Path> ruleFiles = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (Object f : list(top.get("rule_files"))) {
            ruleFiles.addAll(glob(dir, String.valueOf(f)));
        }
        List<String> order = list(top.get("group_eval_order")).stream().map(String::valueOf).toList();
        List<TestGroup> tests = new ArrayList<>();
        for (Object t : list(top.get("tests"))) {
            tests.add(testGroup(map(t, "a test"), evalInterval));
        }
        return new RuleTestFile(ruleFiles, evalInterval, order, tests);
    }

    private static TestGroup testGroup(Map<?, ?> t, long evalInterval) {
        List<InputSeries> series = new ArrayList<>();
        for (Object s : list(t.get("input_series"))) {
            Map<?, ?> m = map(s, "an input series");
            series.add(new InputSeries(string(m.get("series")), string(m.get("values"))));
        }
        List<AlertTest> alerts = new ArrayList<>();
        for (Object a : list(t.get("alert_rule_test"))) {
            Map<?, ?> m = map(a, "an alert_rule_test");
            List<ExpectedAlert> expected = new ArrayList<>();
            for (Object e : list(m.get("exp_alerts"))) {
                Map<?, ?> em = map(e, "an exp_alerts item");
                expected.add(new ExpectedAlert(strings(em.get("exp_labels")), strings(em.get("exp_annotations"))));
            }
            alerts.add(new AlertTest(duration(m.get("eval_time"), 0), string(m.get("alertname")), expected));
        }
        List<ExprTest> exprs = new ArrayList<>();
        for (Object e : list(t.get("promql_expr_test"))) {
            Map<?, ?> m = map(e, "a promql_expr_test");
            List<ExpectedSample> samples = new ArrayList<>();
            for (Object s : list(m.get("exp_samples"))) {
                Map<?, ?> sm = map(s, "an exp_samples item");
                Object v = sm.get("value");
                samples.add(new ExpectedSample(string(sm.get("labels")),
                        v instanceof Number n ? n.doubleValue() : Double.parseDouble(string(v))));
            }
            exprs.add(new ExprTest(string(m.get("expr")), duration(m.get("eval_time"), 0), samples));
        }
        return new TestGroup(string(t.get("name")), duration(t.get("interval"), evalInterval), series, alerts, exprs,
                strings(t.get("external_labels")), string(t.get("external_url")));
    }

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

    private static Map<?, ?> map(Object o, String what) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be a mapping, not " + o);
        }
        return m;
    }

    private static List<?> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list, not " + o);
        }
        return l;
    }

    private static String string(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o, "labels").forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static long duration(Object o, long absent) {
        if (o == null || string(o).isEmpty()) {
            return absent;
        }
        return Durations.parseMillis(string(o));
    }
}
