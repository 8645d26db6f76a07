package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.re2j.Pattern;

import io.sightline.query.logql.parser.PipelineStage.LabelFormat;
import io.sightline.query.logql.parser.PipelineStage.LabelFormatEntry;
import io.sightline.query.logql.parser.PipelineStage.NamedLabelMatcher;

/**
 * The stages that rewrite a line or its labels: {@code line_format}, {@code label_format},
 * {@code drop}, {@code keep}, {@code decolorize}. Templates see every label of the line as it was
 * before the stage. Stateless.
 */
final class FormatStages {
    /** ANSI escape sequences (colours, cursor moves), as the stripansi pattern Loki uses describes them. */
    private static final Pattern ANSI = Pattern.compile(
            "[\\x{1b}\\x{9b}][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\\x{07})"
                    + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

    private FormatStages() {
    }

    /** Loki's {@code __error__} value when a template fails on a line. */
    static final String TEMPLATE_ERROR = "TemplateFormatErr";

    static LineStage lineFormat(LineTemplates.Template template) {
        return line -> {
            try {
                line.line = template.apply(line.labels.all(), line.line, line.timeNanos);
            } catch (LineTemplates.ExecutionException e) {
                line.labels.setError(TEMPLATE_ERROR, e.getMessage()); // the line stays as it was
            }
            return true;
        };
    }

    static LineStage labelFormat(LabelFormat format, LineTemplates templates) {
        List<LabelFormatEntry> entries = format.entries();
        List<LineTemplates.Template> compiled = new ArrayList<>();
        for (LabelFormatEntry entry : entries) {
            compiled.add(entry.rename() ? null : templates.compile(entry.value()));
        }
        return line -> {
            Map<String, String> before = line.labels.all();
            for (int i = 0; i < entries.size(); i++) {
                LabelFormatEntry entry = entries.get(i);
                if (entry.rename()) {
                    String value = before.get(entry.value());
                    if (value != null) {
                        line.labels.delete(entry.value());
                        line.labels.setKeepingCategory(entry.name(), value);
                    }
                } else {
                    try {
                        line.labels.setKeepingCategory(entry.name(), compiled.get(i).apply(before, line.line, line.timeNanos));
                    } catch (LineTemplates.ExecutionException e) {
                        line.labels.setError(TEMPLATE_ERROR, e.getMessage()); // the label stays as it was
                    }
                }
            }
            return true;
        };
    }

    static LineStage drop(List<NamedLabelMatcher> labels) {
        return line -> {
            for (NamedLabelMatcher label : labels) {
                String value = line.labels.get(label.name());
                if (value != null && label.matcher().map(m -> m.matches(value)).orElse(true)) {
                    line.labels.delete(label.name());
                }
            }
            return true;
        };
    }

    static LineStage keep(List<NamedLabelMatcher> labels) {
        return line -> {
            for (String name : line.labels.names()) {
                String value = line.labels.get(name);
                boolean kept = false;
                for (NamedLabelMatcher label : labels) {
                    if (label.name().equals(name) && label.matcher().map(m -> m.matches(value)).orElse(true)) {
                        kept = true;
                        break;
                    }
                }
                if (!kept) {
                    line.labels.delete(name);
                }
            }
            return true;
        };
    }

    static LineStage decolorize() {
        return line -> {
            line.line = ANSI.matcher(line.line).replaceAll("");
            return true;
        };
    }
}
