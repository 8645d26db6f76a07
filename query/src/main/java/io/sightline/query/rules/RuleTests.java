package io.sightline.query.rules;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.query.promql.SeriesNotation;
import io.sightline.query.promql.parser.Durations;
import io.sightline.query.rules.RuleTestFile.AlertTest;
import io.sightline.query.rules.RuleTestFile.ExpectedAlert;
import io.sightline.query.rules.RuleTestFile.ExpectedSample;
import io.sightline.query.rules.RuleTestFile.ExprTest;
import io.sightline.query.rules.RuleTestFile.InputSeries;
import io.sightline.query.rules.RuleTestFile.TestGroup;
import io.sightline.query.rules.RuleQueries.RuleEvaluationException;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.SampleRejectedException;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/**
 * Rule unit tests in promtool's {@code test rules} format, run as promtool runs them: each test
 * group loads its {@code input_series} (one value per {@code interval} from time 0) into a fresh
 * TSDB in a temporary folder, evaluates every rule group (in {@code group_eval_order}) at 0,
 * {@code evaluation_interval}, … up to the largest {@code eval_time}, compares the firing alerts
 * at each {@code alert_rule_test}'s time (the evaluation at or just before it) and finally each
 * {@code promql_expr_test}. Output and exit code follow promtool. Stateless.
 */
public final class RuleTests {
    private RuleTests() {
    }

    /** {@code sightline test-rules FILE...}: 0 when every test passes, 1 otherwise. */
    public static int testMain(List<String> files, PrintStream out, PrintStream err) {
        boolean failed = false;
        for (String f : files) {
            failed |= !run(Path.of(f), out, err);
        }
        return failed ? 1 : 0;
    }

    /** Runs one test file, printing as promtool; true when it passed. */
    public static boolean run(Path testFile, PrintStream out) {
        return run(testFile, out, out);
    }

    static boolean run(Path testFile, PrintStream out, PrintStream err) {
        out.println("Unit Testing:  " + testFile);
        List<String> errors = errors(testFile);
        if (errors.isEmpty()) {
            out.println("  SUCCESS");
        } else {
            err.println("  FAILED:");
            for (String e : errors) {
                err.println(e);
                err.println();
            }
        }
        out.println();
        return errors.isEmpty();
    }

    /** The problems of one test file; empty when it passes. */
    static List<String> errors(Path testFile) {
        RuleTestFile file;
        try {
            file = RuleTestFile.read(testFile);
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < file.groupEvalOrder().size(); i++) {
            if (order.putIfAbsent(file.groupEvalOrder().get(i), i) != null) {
                return List.of("group name repeated in evaluation order: " + file.groupEvalOrder().get(i));
            }
        }
        List<RuleGroup> groups = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path ruleFile : file.ruleFiles()) {
            try {
                groups.addAll(RuleFiles.parse(ruleFile));
            } catch (RuleFileException e) {
                errors.addAll(e.problems());
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        List<RuleGroup> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.comparingInt(g -> order.getOrDefault(g.name(), 0)));
        for (TestGroup test : file.tests()) {
            errors.addAll(runGroup(test, file.evaluationIntervalMs(), ordered));
        }
        return errors;
    }

    private static List<String> runGroup(TestGroup test, long evalInterval, List<RuleGroup> groups) {
        Path dir;
        try {
            dir = Files.createTempDirectory("sightline-rule-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The TSDB's clock only ages data for retention; the tests' data sits at the epoch.
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), InstantSource.fixed(Instant.EPOCH))) {
            return runGroup(test, evalInterval, groups, tsdb);
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        } finally {
            delete(dir);
        }
    }

    private static List<String> runGroup(TestGroup test, long evalInterval, List<RuleGroup> groups, Tsdb tsdb) {
        for (InputSeries s : test.inputSeries()) {
            Labels labels = SeriesNotation.metric(s.series());
            List<Double> values = SeriesNotation.values(s.values());
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    tsdb.append(labels, i * test.intervalMs(), values.get(i));
                }
            }
        }
        RecordedSamples writer = samples -> samples.forEach(s -> {
            try {
                tsdb.append(s.labels(), s.timeMs(), s.value());
            } catch (SampleRejectedException e) {
                // as Prometheus's rule group: a rejected sample is logged, not an evaluation failure
            }
        });
        PromqlEngine engine = new PromqlEngine(EngineConfig.defaults().withDefaultSubqueryStep(
                java.time.Duration.ofMillis(evalInterval)));
        RuleEvaluatorConfig config = RuleEvaluatorConfig.defaults()
                .withExternalLabels(Labels.of(test.externalLabels()))
                .withExternalUrl(test.externalUrl())
                .withDefaultIntervalMs(evalInterval);
        RuleEvaluator evaluator = new RuleEvaluator(engine, tsdb, writer, AlertNotifier.NONE, config);
        evaluator.replaceGroups(groups, 0);
        evaluator.skipRestore(); // promtool marks every alerting rule restored so ALERTS are written
        List<AlertTest> alertTests = new ArrayList<>(test.alertTests());
        for (AlertTest a : alertTests) {
            if (a.alertname().isEmpty()) {
                return List.of("an item under alert_rule_test misses required attribute alertname at eval_time "
                        + Durations.format(a.evalTimeMs()) + (test.name().isEmpty() ? "" : " (in TestGroup " + test.name() + ")"));
            }
        }
        alertTests.sort(Comparator.comparingLong(AlertTest::evalTimeMs));
        List<String> errors = new ArrayList<>();
        int next = 0;
        long max = test.maxEvalTimeMs();
        for (long ts = 0; ts <= max; ts += evalInterval) {
            List<String> evalErrors = new ArrayList<>();
            for (RuleGroup g : groups) {
                evaluator.evaluate(g, ts);
            }
            for (GroupStatus g : evaluator.groups()) {
                for (RuleStatus r : g.rules()) {
                    if (r.health() == RuleHealth.ERR) {
                        evalErrors.add("    rule: " + r.rule().name() + ", time: " + goDuration(ts) + ", err: "
                                + r.lastError());
                    }
                }
            }
            errors.addAll(evalErrors);
            if (!evalErrors.isEmpty()) {
                return errors;
            }
            while (next < alertTests.size() && ts <= alertTests.get(next).evalTimeMs()
                    && alertTests.get(next).evalTimeMs() < ts + evalInterval) {
                checkAlerts(test, alertTests.get(next++), evaluator, errors);
            }
        }
        RuleQueries queries = new RuleQueries(engine, tsdb);
        for (ExprTest e : test.exprTests()) {
            checkExpr(e, queries, errors);
        }
        return errors;
    }

    private static void checkAlerts(TestGroup test, AlertTest t, RuleEvaluator evaluator, List<String> errors) {
        List<LabelsAndAnnotations> got = new ArrayList<>();
        for (GroupStatus g : evaluator.groups()) {
            for (RuleStatus r : g.rules()) {
                if (r.rule() instanceof AlertingRule a && a.alert().equals(t.alertname())) {
                    r.alerts().stream().filter(x -> x.state() == AlertState.FIRING)
                            .forEach(x -> got.add(new LabelsAndAnnotations(x.labels(), x.annotations())));
                }
            }
        }
        List<LabelsAndAnnotations> exp = new ArrayList<>();
        for (ExpectedAlert e : t.expected()) {
            Labels labels = Labels.of(e.labels()).toBuilder().set(AlertingRuleState.ALERT_NAME, t.alertname()).build();
            exp.add(new LabelsAndAnnotations(labels, Labels.of(e.annotations())));
        }
        got.sort(null);
        exp.sort(null);
        if (!got.equals(exp)) {
            String name = test.name().isEmpty() ? "" : "    name: " + test.name() + ",\n";
            errors.add(name + "    alertname: " + t.alertname() + ", time: " + Durations.format(t.evalTimeMs())
                    + ", \n        exp:" + indent(LabelsAndAnnotations.toString(exp)) + ", \n        got:"
                    + indent(LabelsAndAnnotations.toString(got)));
        }
    }

    private static void checkExpr(ExprTest e, RuleQueries queries, List<String> errors) {
        String head = "    expr: " + io.sightline.query.promql.parser.GoStrings.quote(e.expr()) + ", time: "
                + Durations.format(e.evalTimeMs());
        List<Sample> got = new ArrayList<>();
        try {
            for (VectorSample s : queries.vector(e.expr(), e.evalTimeMs())) {
                got.add(new Sample(s.labels(), s.value()));
            }
        } catch (RuleEvaluationException ex) {
            errors.add(head + ", err: " + ex.getMessage());
            return;
        }
        List<Sample> exp = new ArrayList<>();
        for (ExpectedSample s : e.expected()) {
            try {
                exp.add(new Sample(SeriesNotation.metric(s.labels()), s.value()));
            } catch (PromqlException ex) {
                errors.add(head + ", err: labels " + io.sightline.query.promql.parser.GoStrings.quote(s.labels())
                        + ": " + ex.getMessage());
                return;
            }
        }
        got.sort(Comparator.comparing(Sample::labels));
        exp.sort(Comparator.comparing(Sample::labels));
        if (!got.equals(exp)) {
            errors.add(head + ",\n        exp: " + Sample.toString(exp) + "\n        got: " + Sample.toString(got));
        }
    }

    /** promtool's alert for comparison and printing. */
    private record LabelsAndAnnotations(Labels labels, Labels annotations) implements Comparable<LabelsAndAnnotations> {
        @Override
        public int compareTo(LabelsAndAnnotations o) {
            int c = labels.compareTo(o.labels);
            return c != 0 ? c : annotations.compareTo(o.annotations);
        }

        static String toString(List<LabelsAndAnnotations> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "\n" : ",\n").append(i).append(':').append(indentBy("\n" + list.get(i), "  "));
            }
            return s.append("\n]").toString();
        }

        @Override
        public String toString() {
            return "Labels:" + labels + "\nAnnotations:" + annotations;
        }
    }

    /** A sample compared bit for bit (NaN equal to NaN), printed as promtool: labels and Go's {@code 'E'} value. */
    private record Sample(Labels labels, double value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sample s && labels.equals(s.labels) && Double.compare(value, s.value) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(labels, Double.hashCode(value));
        }

        static String toString(List<Sample> samples) {
            if (samples.isEmpty()) {
                return "nil";
            }
            return String.join(", ", samples.stream()
                    .map(s -> s.labels + " " + GoFloatFormat.exponent(s.value, 'E')).toList());
        }
    }

    private static String indent(String lines) {
        return indentBy(lines, "            ");
    }

    private static String indentBy(String lines, String indent) {
        return lines.replace("\n", "\n" + indent);
    }

    /** Go's {@code time.Duration.String()} of whole milliseconds: {@code 0s}, {@code 1m30s}, {@code 1h0m0s}, {@code 1.5s}. */
    static String goDuration(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(ms < 0 ? "-" : "");
        long abs = Math.abs(ms);
        if (abs < 1000) {
            return out.append(abs).append("ms").toString();
        }
        long h = abs / 3_600_000;
        long m = abs / 60_000 % 60;
        long s = abs / 1000 % 60;
        long frac = abs % 1000;
        if (h > 0) {
            out.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            out.append(m).append('m');
        }
        out.append(s);
        if (frac > 0) {
            out.append('.').append(String.format("%03d", frac).replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
