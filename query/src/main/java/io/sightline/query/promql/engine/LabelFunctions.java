package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.parser.GoRegexpExpand;
import io.sightline.storage.tsdb.Labels;

/**
 * {@code label_replace} and {@code label_join}: they change labels, never values, so each runs once
 * per series rather than per step. The regex is RE2 (RE2J), fully anchored, dot matching newlines;
 * the replacement template is expanded as Go's {@code Regexp.Expand} does ({@code $1}, {@code ${1}},
 * {@code $name}, {@code $$}; a name runs as far as letters, digits and underscores go).
 */
final class LabelFunctions {
    private LabelFunctions() {
    }

    static VectorSteps replace(VectorSteps input, String dst, String replacement, String src, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new PromqlException(ErrorType.EXECUTION, "invalid regular expression in label_replace(): " + regex);
        }
        if (dst.isEmpty()) {
            throw new PromqlException(ErrorType.EXECUTION, "invalid destination label name in label_replace(): " + dst);
        }
        Map<String, Integer> names = pattern.namedGroups();
        List<StepSeries> out = new ArrayList<>(input.series().size());
        for (StepSeries s : input.series()) {
            String value = s.labels.get(src);
            Matcher m = pattern.matcher(value);
            if (!m.matches()) {
                out.add(s);
                continue;
            }
            String result = GoRegexpExpand.expand(replacement, m, names);
            out.add(new StepSeries(s.labels.toBuilder().set(dst, result).build(), s.values));
        }
        return SeriesMerger.merge(out);
    }

    static VectorSteps join(VectorSteps input, String dst, String separator, List<String> sources) {
        if (dst.isEmpty()) {
            throw new PromqlException(ErrorType.EXECUTION, "invalid destination label name in label_join(): " + dst);
        }
        for (String src : sources) {
            if (src.isEmpty()) {
                throw new PromqlException(ErrorType.EXECUTION, "invalid source label name in label_join(): " + src);
            }
        }
        List<StepSeries> out = new ArrayList<>(input.series().size());
        for (StepSeries s : input.series()) {
            List<String> values = new ArrayList<>(sources.size());
            for (String src : sources) {
                values.add(s.labels.get(src));
            }
            out.add(new StepSeries(s.labels.toBuilder().set(dst, String.join(separator, values)).build(), s.values));
        }
        return SeriesMerger.merge(out);
    }

    /** Labels of {@code absent()}'s result: the selector's equality matchers, as Prometheus derives them. */
    static Labels absentLabels(List<io.sightline.storage.tsdb.LabelMatcher> matchers) {
        Labels.Builder b = Labels.builder();
        java.util.Set<String> has = new java.util.HashSet<>();
        for (io.sightline.storage.tsdb.LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == io.sightline.storage.tsdb.LabelMatcher.Type.EQUAL && !has.contains(m.name())) {
                b.set(m.name(), m.value());
                has.add(m.name());
            } else {
                b.delete(m.name());
            }
        }
        return b.build();
    }
}
