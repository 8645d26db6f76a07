package io.sightline.query.logql.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult.LogEntry;
import io.sightline.query.logql.LogqlResult.LogStream;
import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.storage.logs.LogScan;
import io.sightline.storage.logs.LogScanLimitException;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.logs.LogStructuredMetadata;

/**
 * A log query over [start, end): the store scans in the request's direction (pushed line filters
 * applied there, the limit too when no stage runs here), each record runs the pipeline, and the first
 * {@code limit} surviving lines — with Loki's {@code interval}: a line only when at least that long
 * after (forward) or before (backward) the last one kept, across all streams — are grouped into
 * streams by their final labels (an empty value is no label, as in Prometheus's label sets). Streams are ordered by their label text, as Loki sorts them;
 * entries keep the scan's order. One instance per evaluation; not thread-safe.
 */
final class LogQueryEvaluator {
    private final EvalContext ctx;

    LogQueryEvaluator(EvalContext ctx) {
        this.ctx = ctx;
    }

    List<LogStream> evaluate(LogSelectorExpr expr, LogqlRequest request) {
        Pipeline pipeline = Pipeline.compile(expr.stages(), ctx.templates);
        boolean forward = request.direction() == LogqlDirection.FORWARD;
        int storeLimit = pipeline.hasStages() || request.intervalNanos() > 0 ? 0 : request.limit();
        LogScan scan = new LogScan(request.startNanos(), request.endNanos(), expr.matchers(), pipeline.pushed(),
                forward ? LogScan.Direction.FORWARD : LogScan.Direction.BACKWARD, storeLimit, ctx.remaining());
        Map<Map<String, String>, List<LogEntry>> streams = new HashMap<>();
        LineContext line = new LineContext();
        long interval = request.intervalNanos();
        long[] kept = {0};
        long[] lastKept = {Long.MIN_VALUE};
        try {
            ctx.add(ctx.querier.scan(scan, (stream, record) -> {
                ctx.linesProcessed++;
                ctx.bytesProcessed += record.body().getBytes(StandardCharsets.UTF_8).length;
                if ((ctx.linesProcessed & 1023) == 0) {
                    ctx.checkDeadline();
                }
                long time = record.effectiveTimeNanos();
                if (interval > 0 && lastKept[0] != Long.MIN_VALUE
                        && (forward ? time < lastKept[0] + interval : time > lastKept[0] - interval)) {
                    return true;
                }
                line.labels.reset(stream);
                LogStructuredMetadata.forEach(record, line.labels::setMetadata);
                line.line = record.body();
                line.timeNanos = time;
                if (!pipeline.process(line)) {
                    return true;
                }
                lastKept[0] = time;
                streams.computeIfAbsent(withoutEmpty(line.labels.all()), k -> new ArrayList<>())
                        .add(new LogEntry(time, line.line, withoutEmpty(line.labels.metadata()),
                                withoutEmpty(line.labels.parsed())));
                return ++kept[0] < request.limit();
            }));
        } catch (LogScanLimitException e) {
            throw ctx.fromStore(e);
        }
        List<LogStream> out = new ArrayList<>(streams.size());
        streams.forEach((labels, entries) -> out.add(new LogStream(labels, entries)));
        out.sort((a, b) -> Labels.of(a.labels()).toString().compareTo(Labels.of(b.labels()).toString()));
        return out;
    }

    /** A label set as Prometheus and Loki answer it: an empty value is no label. */
    private static Map<String, String> withoutEmpty(Map<String, String> labels) {
        Map<String, String> out = new java.util.TreeMap<>(labels);
        out.values().removeIf(String::isEmpty);
        return out;
    }
}
