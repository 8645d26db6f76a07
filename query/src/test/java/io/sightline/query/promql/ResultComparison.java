package io.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.PromqlScript.Eval;
import io.sightline.query.promql.PromqlScript.Expected;
import io.sightline.storage.tsdb.Labels;

/** Compares a query result with a script's expected lines, as Prometheus's promqltest does. */
final class ResultComparison {
    private ResultComparison() {
    }

    static void check(Eval eval, QueryValue actual, double epsilon) {
        String what = eval.expr();
        switch (actual) {
            case QueryValue.Scalar s -> {
                assertThat(eval.expected()).as("expected lines of scalar result of " + what).hasSize(1);
                Expected e = eval.expected().getFirst();
                assertThat(e.scalar()).as("expected a scalar line for " + what).isTrue();
                assertClose(what, e.values().getFirst(), s.value(), epsilon);
            }
            case QueryValue.StringValue s -> {
                assertThat(eval.expected()).as("expected lines of string result of " + what).hasSize(1);
                assertThat(s.value()).as(what).isEqualTo(eval.expected().getFirst().string());
            }
            case QueryValue.Vector v -> {
                Map<Labels, Double> got = new HashMap<>();
                List<Labels> order = new ArrayList<>();
                for (QueryValue.VectorSample s : v.samples()) {
                    if (got.put(s.labels(), s.value()) != null) {
                        fail("duplicate series " + s.labels() + " in result of " + what);
                    }
                    order.add(s.labels());
                    assertThat(s.timestampMs()).as("timestamp of " + s.labels()).isEqualTo(eval.start());
                }
                List<Labels> expectedOrder = new ArrayList<>();
                Map<Labels, Double> want = new HashMap<>();
                for (Expected e : eval.expected()) {
                    assertThat(e.values()).as("one value per expected line of " + what).hasSize(1);
                    want.put(e.labels(), e.values().getFirst());
                    expectedOrder.add(e.labels());
                }
                assertThat(got.keySet()).as("series of " + what + " (got " + v.samples() + ")")
                        .containsExactlyInAnyOrderElementsOf(want.keySet());
                for (Map.Entry<Labels, Double> e : want.entrySet()) {
                    assertClose(what + " " + e.getKey(), e.getValue(), got.get(e.getKey()), epsilon);
                }
                if (eval.mode().equals("ordered")) {
                    assertThat(order).as("order of " + what).containsExactlyElementsOf(expectedOrder);
                }
            }
            case QueryValue.Matrix m -> checkMatrix(eval, m, epsilon);
        }
    }

    private static void checkMatrix(Eval eval, QueryValue.Matrix m, double epsilon) {
        String what = eval.expr();
        Map<Labels, QueryValue.MatrixSeries> got = new HashMap<>();
        for (QueryValue.MatrixSeries s : m.series()) {
            got.put(s.labels(), s);
        }
        Map<Labels, List<Double>> want = new HashMap<>();
        for (Expected e : eval.expected()) {
            want.put(e.labels(), e.values());
        }
        assertThat(got.keySet()).as("series of " + what + " (got " + m.series() + ")")
                .containsExactlyInAnyOrderElementsOf(want.keySet());
        for (Map.Entry<Labels, List<Double>> e : want.entrySet()) {
            QueryValue.MatrixSeries s = got.get(e.getKey());
            List<Double> expected = e.getValue();
            if (eval.range()) {
                // One expected entry per step; "_" where the series has no point.
                int k = 0;
                for (int i = 0; i < expected.size(); i++) {
                    long t = eval.start() + i * eval.step();
                    Double v = expected.get(i);
                    boolean has = k < s.size() && s.timestampsMs()[k] == t;
                    if (v == null) {
                        assertThat(has).as(what + " " + e.getKey() + " has no point at " + t + " (got " + s + ")")
                                .isFalse();
                        continue;
                    }
                    assertThat(has).as(what + " " + e.getKey() + " has a point at " + t + " (got " + s + ")").isTrue();
                    assertClose(what + " " + e.getKey() + " at " + t, v, s.values()[k++], epsilon);
                }
                assertThat(k).as(what + " " + e.getKey() + " has no extra points (got " + s + ")").isEqualTo(s.size());
            } else {
                List<Double> values = new ArrayList<>();
                for (double d : s.values()) {
                    values.add(d);
                }
                assertThat(values).as(what + " " + e.getKey()).hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertClose(what + " " + e.getKey() + "[" + i + "]", expected.get(i), values.get(i), epsilon);
                }
            }
        }
    }

    /** An instant query's answer must equal the same query run as a one-step range query. */
    static void sameAsRange(Eval eval, QueryValue instant, QueryValue range, double epsilon) {
        Map<Labels, Double> fromInstant = new HashMap<>();
        if (instant instanceof QueryValue.Scalar s) {
            fromInstant.put(Labels.EMPTY, s.value());
        } else {
            for (QueryValue.VectorSample s : ((QueryValue.Vector) instant).samples()) {
                fromInstant.put(s.labels(), s.value());
            }
        }
        Map<Labels, Double> fromRange = new HashMap<>();
        for (QueryValue.MatrixSeries s : ((QueryValue.Matrix) range).series()) {
            assertThat(s.size()).as("points of one-step range query " + eval.expr()).isEqualTo(1);
            fromRange.put(s.labels(), s.values()[0]);
        }
        assertThat(fromRange.keySet()).as("one-step range query of " + eval.expr())
                .containsExactlyInAnyOrderElementsOf(fromInstant.keySet());
        fromInstant.forEach((k, v) -> assertClose("range form of " + eval.expr(), v, fromRange.get(k), epsilon));
    }

    static void assertClose(String what, Double expected, double actual, double epsilon) {
        if (expected == null) {
            fail("expected no value for " + what + " but got " + actual);
            return;
        }
        if (!almostEqual(expected, actual, epsilon)) {
            fail(what + ": expected " + expected + " but got " + actual);
        }
    }

    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }
}
