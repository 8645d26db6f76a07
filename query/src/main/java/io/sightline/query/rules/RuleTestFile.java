package io.sightline.query.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * Reads a test file strictly, as promtool does ({@link RuleTestFileReader}).
     *
     * @throws IllegalArgumentException on a malformed file, with every problem and its line and column
     */
    static RuleTestFile read(Path file) {
        try {
            return new RuleTestFileReader(file).read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
