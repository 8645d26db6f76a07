package io.sightline.query.logql.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.sightline.query.logql.Logql;
import io.sightline.query.logql.LogqlParseException;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.logql.parser.LogqlExpr;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogStructuredMetadata;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * A LogQL log query applied to single records as they arrive, for live tail: the stream selector,
 * then every stage (line filters included, since no store scan filtered the record) with the same
 * semantics as a query. {@link #selects} is thread-safe; {@link #apply} must be called by one thread
 * at a time (it reuses one line buffer).
 */
public final class LogqlLinePipeline {
    private final LogSelectorExpr selector;
    private final Pipeline pipeline;
    private final LineContext line = new LineContext();

    private LogqlLinePipeline(LogSelectorExpr selector, Pipeline pipeline) {
        this.selector = selector;
        this.pipeline = pipeline;
    }

    /**
     * Compiles {@code query}, which must be a log query.
     *
     * @throws LogqlQueryException BAD_QUERY when it does not parse or is a metric query
     */
    public static LogqlLinePipeline compile(String query, LineTemplates templates) {
        LogqlExpr expr;
        try {
            expr = Logql.parse(query);
        } catch (LogqlParseException e) {
            throw new LogqlQueryException(Kind.BAD_QUERY, e.getMessage(), e);
        }
        if (!(expr instanceof LogSelectorExpr selector)) {
            throw new LogqlQueryException(Kind.BAD_QUERY, "only log queries can be tailed, not a metric query: " + query);
        }
        try {
            return new LogqlLinePipeline(selector, Pipeline.compileLocal(selector.stages(), templates));
        } catch (IllegalArgumentException e) {
            throw new LogqlQueryException(Kind.BAD_QUERY, e.getMessage(), e);
        }
    }

    /** Whether the selector selects a stream with these labels (a missing label reads as ""). */
    public boolean selects(Map<String, String> streamLabels) {
        for (LabelMatcher matcher : selector.matchers()) {
            if (!matcher.matches(streamLabels.getOrDefault(matcher.name(), ""))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The line after the pipeline, or null when a stage drops it.
     *
     * @param metadata the record's structured metadata ({@link #structuredMetadata})
     */
    public Line apply(Map<String, String> streamLabels, Map<String, String> metadata, String text, long timeNanos) {
        line.labels.reset(Labels.of(streamLabels));
        metadata.forEach(line.labels::setMetadata);
        line.line = Objects.requireNonNull(text, "text");
        line.timeNanos = timeNanos;
        if (!pipeline.process(line)) {
            return null;
        }
        return new Line(nonEmpty(line.labels.all()), line.line, nonEmpty(line.labels.metadata()), nonEmpty(line.labels.parsed()));
    }

    /** A record's structured metadata as queries see it (Loki 3's OTLP mapping). */
    public static Map<String, String> structuredMetadata(LogRecord record) {
        LineLabels labels = new LineLabels();
        labels.reset(Labels.EMPTY);
        LogStructuredMetadata.forEach(record, labels::setMetadata);
        return Map.copyOf(labels.metadata());
    }

    /**
     * One line out of the pipeline.
     *
     * @param labels   every label (stream, structured metadata, parsed), empty values dropped
     * @param text     the line
     * @param metadata the structured metadata part of {@code labels}
     * @param parsed   the parsed part of {@code labels}
     */
    public record Line(Map<String, String> labels, String text, Map<String, String> metadata, Map<String, String> parsed) {
    }

    private static Map<String, String> nonEmpty(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        out.values().removeIf(String::isEmpty);
        return out;
    }
}
