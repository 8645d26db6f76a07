package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import io.sightline.query.logql.parser.PipelineStage;
import io.sightline.query.logql.parser.PipelineStage.Decolorize;
import io.sightline.query.logql.parser.PipelineStage.DropLabels;
import io.sightline.query.logql.parser.PipelineStage.JsonParser;
import io.sightline.query.logql.parser.PipelineStage.KeepLabels;
import io.sightline.query.logql.parser.PipelineStage.LabelFilterStage;
import io.sightline.query.logql.parser.PipelineStage.LabelFormat;
import io.sightline.query.logql.parser.PipelineStage.LineFilter;
import io.sightline.query.logql.parser.PipelineStage.LineFormat;
import io.sightline.query.logql.parser.PipelineStage.LineMatch;
import io.sightline.query.logql.parser.PipelineStage.LogfmtParser;
import io.sightline.query.logql.parser.PipelineStage.PatternParser;
import io.sightline.query.logql.parser.PipelineStage.RegexpParser;
import io.sightline.query.logql.parser.PipelineStage.UnpackParser;

/**
 * A log query's pipeline split in two: the line filters the store applies ({@link #pushed()}: every
 * {@code |=}, {@code !=}, {@code |~}, {@code !~} before the first stage that changes the line —
 * {@code line_format}, {@code decolorize}, {@code unpack} — since parsers, label filters and label
 * stages leave the line as it is, moving such a filter first gives the same lines) and the stages run
 * here on each record ({@link #stages()}). Built once per query; {@link #process} is not thread-safe.
 */
final class Pipeline {
    private final List<io.sightline.storage.logs.LineFilter> pushed;
    private final List<LineStage> stages;
    private final List<String> described;

    private Pipeline(List<io.sightline.storage.logs.LineFilter> pushed, List<LineStage> stages, List<String> described) {
        this.pushed = List.copyOf(pushed);
        this.stages = List.copyOf(stages);
        this.described = List.copyOf(described);
    }

    static Pipeline compile(List<PipelineStage> stages, LineTemplates templates) {
        return compile(stages, templates, true);
    }

    /** Every stage run here, line filters included: for single records that no store scan filtered. */
    static Pipeline compileLocal(List<PipelineStage> stages, LineTemplates templates) {
        return compile(stages, templates, false);
    }

    private static Pipeline compile(List<PipelineStage> stages, LineTemplates templates, boolean pushDown) {
        List<io.sightline.storage.logs.LineFilter> pushed = new ArrayList<>();
        List<LineStage> compiled = new ArrayList<>();
        List<String> described = new ArrayList<>();
        boolean lineChanged = !pushDown;
        for (PipelineStage stage : stages) {
            if (!lineChanged && stage instanceof LineFilter f && pushable(f)) {
                pushed.add(storeFilter(f));
                continue;
            }
            lineChanged |= stage instanceof LineFormat || stage instanceof Decolorize || stage instanceof UnpackParser;
            compiled.add(compileStage(stage, templates));
            described.add(describe(stage));
        }
        return new Pipeline(pushed, compiled, described);
    }

    private static boolean pushable(LineFilter f) {
        return !f.ip() && f.match() != LineMatch.PATTERN && f.match() != LineMatch.NOT_PATTERN;
    }

    private static io.sightline.storage.logs.LineFilter storeFilter(LineFilter f) {
        io.sightline.storage.logs.LineFilter.Type type = switch (f.match()) {
            case CONTAINS -> io.sightline.storage.logs.LineFilter.Type.CONTAINS;
            case NOT_CONTAINS -> io.sightline.storage.logs.LineFilter.Type.NOT_CONTAINS;
            case REGEX -> io.sightline.storage.logs.LineFilter.Type.REGEX;
            case NOT_REGEX -> io.sightline.storage.logs.LineFilter.Type.NOT_REGEX;
            default -> throw new IllegalStateException("not pushable: " + f);
        };
        return new io.sightline.storage.logs.LineFilter(type, f.values());
    }

    private static LineStage compileStage(PipelineStage stage, LineTemplates templates) {
        return switch (stage) {
            case LineFilter f -> lineFilter(f);
            case LabelFilterStage f -> LabelFilters.compile(f.filter());
            case JsonParser j -> j.extractions().isEmpty() ? JsonStages.all() : JsonStages.expressions(j.extractions());
            case LogfmtParser l -> new LogfmtStage(l);
            case RegexpParser r -> regexp(Pattern.compile(r.regex()));
            case PatternParser p -> pattern(new PatternMatcher(p.pattern()));
            case UnpackParser u -> JsonStages.unpack();
            case LineFormat f -> FormatStages.lineFormat(templates.compile(f.template()));
            case LabelFormat f -> FormatStages.labelFormat(f, templates);
            case DropLabels d -> FormatStages.drop(d.labels());
            case KeepLabels k -> FormatStages.keep(k.labels());
            case Decolorize d -> FormatStages.decolorize();
        };
    }

    private static LineStage lineFilter(LineFilter f) {
        boolean negated = f.match().negated();
        if (f.ip()) {
            IpMatcher ip = new IpMatcher(f.values().getFirst());
            return line -> ip.matchesLine(line.line) != negated;
        }
        return switch (f.match()) {
            case CONTAINS, NOT_CONTAINS -> line -> {
                for (String needle : f.values()) {
                    if (line.line.contains(needle)) {
                        return !negated;
                    }
                }
                return negated;
            };
            case REGEX, NOT_REGEX -> {
                List<Pattern> patterns = f.values().stream().map(Pattern::compile).toList();
                yield line -> {
                    for (Pattern p : patterns) {
                        if (p.matcher(line.line).find()) {
                            return !negated;
                        }
                    }
                    return negated;
                };
            }
            case PATTERN, NOT_PATTERN -> {
                List<PatternMatcher> patterns = f.values().stream().map(PatternMatcher::new).toList();
                yield line -> {
                    for (PatternMatcher p : patterns) {
                        if (p.matchesFully(line.line)) {
                            return !negated;
                        }
                    }
                    return negated;
                };
            }
        };
    }

    private static LineStage regexp(Pattern regex) {
        List<String> names = new ArrayList<>(regex.namedGroups().keySet());
        List<Integer> groups = names.stream().map(regex.namedGroups()::get).toList();
        return line -> {
            Matcher m = regex.matcher(line.line);
            if (m.find()) {
                for (int i = 0; i < names.size(); i++) {
                    String value = m.group(groups.get(i));
                    ParsedNames.set(line.labels, names.get(i), value == null ? "" : value);
                }
            }
            return true;
        };
    }

    private static LineStage pattern(PatternMatcher matcher) {
        List<String> names = matcher.names();
        return line -> {
            List<String> values = matcher.match(line.line);
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    ParsedNames.set(line.labels, names.get(i), values.get(i));
                }
            }
            return true;
        };
    }

    private static String describe(PipelineStage stage) {
        String text = new io.sightline.query.logql.parser.LogSelectorExpr(List.of(), List.of(stage)).toString();
        int close = text.indexOf('}');
        return close >= 0 ? text.substring(close + 1).strip() : text;
    }

    /** The filters the store applies, in order. */
    List<io.sightline.storage.logs.LineFilter> pushed() {
        return pushed;
    }

    /** Whether stages run here (records must be read). */
    boolean hasStages() {
        return !stages.isEmpty();
    }

    /** The stages run here, as LogQL text. */
    List<String> described() {
        return described;
    }

    /** Runs the stages on a line whose labels and text are set; false when a stage drops it. */
    boolean process(LineContext line) {
        for (LineStage stage : stages) {
            if (!stage.process(line)) {
                return false;
            }
        }
        return true;
    }
}
