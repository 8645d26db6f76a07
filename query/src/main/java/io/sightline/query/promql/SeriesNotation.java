package io.sightline.query.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.VectorSelector;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Sample;

/**
 * Prometheus's notation for test series, shared by the PromQL test scripts ({@code load} blocks)
 * and promtool's rule unit tests ({@code input_series}): a series as {@code name{a="b"}} and its
 * values as {@code 1 2 _ stale 0+10x3 5-1x2 7x2 _x3}. Stateless.
 */
public final class SeriesNotation {
    private SeriesNotation() {
    }

    /**
     * A series' labels, parsed as Prometheus's {@code parser.ParseMetric}: a selector with only
     * {@code =} matchers.
     *
     * @throws PromqlParseException when it is not such a selector
     */
    public static Labels metric(String text) {
        if (text.strip().equals("{}")) {
            return Labels.EMPTY; // no selector has no matchers; a series may have no labels
        }
        Expr expr = PromqlEngine.parse(text);
        if (!(expr instanceof VectorSelector selector)) {
            throw new PromqlParseException(text, 0, "not a series: " + text);
        }
        Labels.Builder b = Labels.builder();
        for (LabelMatcher m : selector.matchers()) {
            if (m.type() != LabelMatcher.Type.EQUAL) {
                throw new PromqlParseException(text, 0, "only = matchers are allowed in a series: " + text);
            }
            b.set(m.name(), m.value());
        }
        return b.build();
    }

    /**
     * Values in order, one per interval step: a number, {@code _} (no sample: null), {@code stale}
     * (the stale marker), {@code a+bxn} / {@code a-bxn} (n+1 values from a, by repeated addition as
     * Prometheus expands them), {@code axn} (a, n+1 times), {@code _xn} (n steps without samples).
     *
     * @throws NumberFormatException on a value that is none of these
     */
    public static List<Double> values(String text) {
        List<Double> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String token : text.strip().split("\\s+")) {
            String t = token.toLowerCase(Locale.ROOT);
            if (t.equals("_")) {
                out.add(null);
            } else if (t.equals("stale")) {
                out.add(Sample.STALE_NAN);
            } else if (t.startsWith("_x")) {
                int n = Integer.parseInt(t.substring(2));
                for (int k = 0; k < n; k++) {
                    out.add(null);
                }
            } else if (t.contains("x") && !t.startsWith("0x")) {
                int x = t.lastIndexOf('x');
                int n = Integer.parseInt(t.substring(x + 1));
                String seq = t.substring(0, x);
                int sign = Math.max(seq.lastIndexOf('+'), seq.lastIndexOf('-'));
                double start;
                double inc;
                if (sign > 0 && seq.charAt(sign - 1) != 'e') {
                    start = number(seq.substring(0, sign));
                    inc = number(seq.substring(sign));
                } else {
                    start = number(seq);
                    inc = 0;
                }
                double v = start;
                for (int k = 0; k <= n; k++) {
                    out.add(v);
                    v += inc;
                }
            } else {
                out.add(number(t));
            }
        }
        return out;
    }

    private static double number(String t) {
        return switch (t) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }
}
