package io.sightline.query.logql.parser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sightline.storage.tsdb.LabelMatcher;

/** One stage of a log pipeline, applied to each line in query order. */
public sealed interface PipelineStage {

    /** How a line filter compares the line with its values. */
    enum LineMatch {
        CONTAINS("|="), NOT_CONTAINS("!="), REGEX("|~"), NOT_REGEX("!~"), PATTERN("|>"), NOT_PATTERN("!>");

        private final String symbol;

        LineMatch(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether the filter keeps lines that do not match. */
        public boolean negated() {
            return this == NOT_CONTAINS || this == NOT_REGEX || this == NOT_PATTERN;
        }
    }

    /**
     * {@code |= "a"}, {@code |~ "a" or "b"}, {@code !> "<_> GET <_>"}, {@code |= ip("10.0.0.0/8")}.
     * A negated filter always has one value: {@code != "a" or "b"} means {@code != "a" != "b"} and
     * is parsed into two filters, as Loki does. Regexes (RE2J) are unanchored and compiled.
     *
     * @param values the alternatives, any of which matches (at least one)
     * @param ip     whether the value is an IP, range or CIDR matched against IPs in the line ({@code ip("...")})
     */
    record LineFilter(LineMatch match, List<String> values, boolean ip) implements PipelineStage {
        public LineFilter {
            Objects.requireNonNull(match, "match");
            values = List.copyOf(values);
            if (values.isEmpty() || (match.negated() || ip) && values.size() != 1) {
                throw new IllegalArgumentException("a negated or ip line filter has exactly one value: " + values);
            }
        }
    }

    /** {@code | status >= 500 and method = "GET"}. */
    record LabelFilterStage(LabelFilter filter) implements PipelineStage {
        public LabelFilterStage {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** {@code label = "json.expression"} of {@code json}/{@code logfmt} (the expression is not parsed here). */
    record LabelExtraction(String label, String expression) {
        public LabelExtraction {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** {@code | json} (every field) or {@code | json a="x.y", b="z[0]"} (only these). */
    record JsonParser(List<LabelExtraction> extractions) implements PipelineStage {
        public JsonParser {
            extractions = List.copyOf(extractions);
        }
    }

    /** {@code | logfmt}, {@code | logfmt --strict --keep-empty}, {@code | logfmt a, b="c"}. */
    record LogfmtParser(boolean strict, boolean keepEmpty, List<LabelExtraction> extractions) implements PipelineStage {
        public LogfmtParser {
            extractions = List.copyOf(extractions);
        }
    }

    /** {@code | regexp "(?P<name>...)"}; the regex (RE2J) compiled and has at least one named group. */
    record RegexpParser(String regex) implements PipelineStage {
        public RegexpParser {
            Objects.requireNonNull(regex, "regex");
        }
    }

    /** {@code | pattern "<ip> - <_> <status>"}; valid by Loki's pattern rules ({@link PatternSyntax}). */
    record PatternParser(String pattern) implements PipelineStage {
        public PatternParser {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code | unpack}: Promtail's packed JSON. */
    record UnpackParser() implements PipelineStage {
    }

    /** {@code | line_format "{{.status}} {{.path}}"}: the Go template text, not parsed here. */
    record LineFormat(String template) implements PipelineStage {
        public LineFormat {
            Objects.requireNonNull(template, "template");
        }
    }

    /**
     * One assignment of {@code label_format}: {@code dst=src} renames ({@code rename}), {@code
     * dst="{{.x}}"} sets a Go template's result.
     */
    record LabelFormatEntry(String name, String value, boolean rename) {
        public LabelFormatEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code | label_format a=b, c="{{.x}}"}; each target label at most once. */
    record LabelFormat(List<LabelFormatEntry> entries) implements PipelineStage {
        public LabelFormat {
            entries = List.copyOf(entries);
        }
    }

    /** A label of {@code drop}/{@code keep}: a bare name, or a matcher on name and value. */
    record NamedLabelMatcher(String name, Optional<LabelMatcher> matcher) {
        public NamedLabelMatcher {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(matcher, "matcher");
        }
    }

    /** {@code | drop a, b="v"}. */
    record DropLabels(List<NamedLabelMatcher> labels) implements PipelineStage {
        public DropLabels {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | keep a, b="v"}. */
    record KeepLabels(List<NamedLabelMatcher> labels) implements PipelineStage {
        public KeepLabels {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | decolorize}: strips ANSI colour sequences from the line. */
    record Decolorize() implements PipelineStage {
    }
}
