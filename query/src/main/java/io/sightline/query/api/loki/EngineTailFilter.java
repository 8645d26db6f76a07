package io.sightline.query.api.loki;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.engine.LineTemplates;
import io.sightline.query.logql.engine.LogqlLinePipeline;

/** {@link LogqlTailFilter} by the LogQL engine's single-line pipeline ({@link LogqlLinePipeline}). */
public final class EngineTailFilter implements LogqlTailFilter {
    private final LineTemplates templates;

    public EngineTailFilter(LineTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    @Override
    public Pipeline compile(String query) {
        LogqlLinePipeline pipeline = LogqlLinePipeline.compile(query, templates);
        return new Pipeline() {
            @Override
            public boolean selects(Map<String, String> streamLabels) {
                return pipeline.selects(streamLabels);
            }

            @Override
            public synchronized LogqlResult.LogStream apply(LogTailSource.TailRecord record) {
                LogqlLinePipeline.Line line = pipeline.apply(record.streamLabels(), record.structuredMetadata(),
                        record.line(), record.timeNanos());
                if (line == null) {
                    return null;
                }
                return new LogqlResult.LogStream(line.labels(), List.of(
                        new LogqlResult.LogEntry(record.timeNanos(), line.text(), line.metadata(), line.parsed())));
            }
        };
    }
}
