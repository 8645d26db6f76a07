package io.sightline.query.logql.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.query.logql.parser.Grouping;
import io.sightline.query.logql.parser.LabelFilter;
import io.sightline.query.logql.parser.RangeAggregationExpr;
import io.sightline.query.logql.parser.RangeOp;
import io.sightline.query.logql.parser.Unwrap;
import io.sightline.storage.logs.LogScan;
import io.sightline.storage.logs.LogScanLimitException;
import io.sightline.storage.logs.LogScanStats;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.logs.LogStructuredMetadata;

/**
 * A range aggregation over every step of a query with one store scan: the records of
 * (first step − offset − range, last step − offset] are read once, in time order, into one sample
 * buffer per series, and each step's window (t − offset − range, t − offset] — left-open,
 * right-closed, as Loki — is found by two indexes sliding over the buffer. When the aggregation
 * needs only times and sizes and no stage runs here, the store answers from its index
 * ({@code scanSamples}, in any order) into per-step counts ({@link WindowCounts}) and no record is
 * read or held. A step whose window is empty has no sample, except
 * for {@code absent_over_time}. One instance per evaluation; not thread-safe.
 */
final class RangeAggregationEvaluator {
    static final String SAMPLE_EXTRACTION_ERROR = "SampleExtractionErr";

    private final EvalContext ctx;

    RangeAggregationEvaluator(EvalContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param neededLabels the only labels the caller keeps of the result (a {@code by} grouping
     *                     right above), or empty when it keeps them all
     */
    StepValue.Vector evaluate(RangeAggregationExpr expr, Optional<Set<String>> neededLabels) {
        Pipeline pipeline = Pipeline.compile(expr.range().selector().stages(), ctx.templates);
        long range = expr.range().range().toNanos();
        long offset = expr.range().offset().toNanos();
        long[] times = ctx.times;
        long start = times[0] - offset - range + 1;
        long end = times[times.length - 1] - offset + 1;
        List<LabelMatcher> matchers = expr.range().selector().matchers();
        LogScan scan = new LogScan(start, end, matchers, pipeline.pushed(), LogScan.Direction.FORWARD, 0, ctx.remaining());
        Map<Labels, SampleBuffer> series = new HashMap<>();
        long[] held = {0};
        try {
            if (samplesOnly(expr, pipeline, neededLabels, ctx.querier, start, end)) {
                return fromIndex(expr, scan, offset, range);
            }
            ctx.add(ctx.querier.scan(scan, new RecordSampler(expr, pipeline, series, held)));
        } catch (LogScanLimitException e) {
            throw ctx.fromStore(e);
        }
        ctx.checkDeadline();
        if (expr.op() == RangeOp.ABSENT_OVER_TIME) {
            return absent(series.values(), matchers, offset, range);
        }
        List<StepSeries> out = new ArrayList<>(series.size());
        double param = expr.param().orElse(0);
        boolean unwrapped = expr.range().unwrap().isPresent();
        for (Map.Entry<Labels, SampleBuffer> entry : series.entrySet()) {
            checkError(entry.getKey());
            SampleBuffer b = entry.getValue();
            StepSeries s = new StepSeries(entry.getKey(), times.length);
            int lo = 0;
            int hi = 0;
            for (int step = 0; step < times.length; step++) {
                long windowEnd = times[step] - offset;
                while (hi < b.size && b.times[hi] <= windowEnd) {
                    hi++;
                }
                while (lo < hi && b.times[lo] <= windowEnd - range) {
                    lo++;
                }
                if (hi > lo) {
                    s.set(step, RangeFunctions.apply(expr.op(), param, unwrapped, b, lo, hi, windowEnd, range));
                }
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new StepValue.Vector(out);
    }

    /**
     * The index-only answer: the store hands each record's time, stream and size in any order, and
     * each series counts them into its step windows ({@link WindowCounts}); nothing is held per line.
     */
    private StepValue.Vector fromIndex(RangeAggregationExpr expr, LogScan scan, long offset, long range) {
        Map<Labels, WindowCounts> series = new HashMap<>();
        long[] seen = {0};
        LogScanStats stats = ctx.querier.scanSamples(scan, (stream, time, bodyBytes) -> {
            ctx.linesProcessed++;
            ctx.bytesProcessed += bodyBytes;
            if ((++seen[0] & 1023) == 0) {
                ctx.checkDeadline();
            }
            series.computeIfAbsent(stream, k -> new WindowCounts(ctx.times, offset, range)).add(time, bodyBytes);
            return true;
        });
        ctx.add(stats);
        ctx.checkDeadline();
        if (expr.op() == RangeOp.ABSENT_OVER_TIME) {
            return absent(series.values(), expr.range().selector().matchers());
        }
        List<StepSeries> out = new ArrayList<>(series.size());
        for (Map.Entry<Labels, WindowCounts> entry : series.entrySet()) {
            StepSeries s = entry.getValue().series(entry.getKey(), expr.op());
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new StepValue.Vector(out);
    }

    private void hold(long[] held) {
        if (++held[0] > ctx.config.maxSamples()) {
            throw new LogqlQueryException(Kind.LIMIT, "the query would hold more than " + ctx.config.maxSamples()
                    + " samples in memory; reduce the time range or add filters");
        }
        if ((held[0] & 1023) == 0) {
            ctx.checkDeadline();
        }
    }

    /**
     * Whether the index alone can answer: only times/sizes needed, no stage here, and the series
     * labels either do not matter or are all stream labels of the selected streams (structured
     * metadata, which Loki adds to series labels, cannot then change the grouped answer).
     */
    static boolean samplesOnly(RangeAggregationExpr expr, Pipeline pipeline, Optional<Set<String>> needed,
                               io.sightline.storage.logs.LogQuerier querier, long start, long end) {
        if (pipeline.hasStages() || expr.range().unwrap().isPresent()) {
            return false;
        }
        if (!WindowCounts.answers(expr.op())) {
            return false;
        }
        return switch (expr.op()) {
            case ABSENT_OVER_TIME -> true;
            case COUNT_OVER_TIME, RATE, BYTES_OVER_TIME, BYTES_RATE -> needed.isPresent()
                    && querier.labelNames(start, end, expr.range().selector().matchers()).containsAll(needed.get());
            default -> false;
        };
    }

    /** Loki's absent_over_time: 1 at each step whose window has no line, labelled by the selector's equality matchers. */
    private StepValue.Vector absent(Iterable<SampleBuffer> buffers, List<LabelMatcher> matchers, long offset, long range) {
        StepSeries s = new StepSeries(absentLabels(matchers), ctx.times.length);
        for (int step = 0; step < ctx.times.length; step++) {
            long windowEnd = ctx.times[step] - offset;
            boolean any = false;
            for (SampleBuffer b : buffers) {
                for (int i = 0; i < b.size && !any; i++) {
                    any = b.times[i] > windowEnd - range && b.times[i] <= windowEnd;
                }
            }
            if (!any) {
                s.set(step, 1);
            }
        }
        return new StepValue.Vector(s.isEmpty() ? List.of() : List.of(s));
    }

    /** As above, over the index-only counts. */
    private StepValue.Vector absent(Iterable<WindowCounts> counts, List<LabelMatcher> matchers) {
        long[] lines = new long[ctx.times.length];
        for (WindowCounts c : counts) {
            long[] series = c.lines();
            for (int step = 0; step < lines.length; step++) {
                lines[step] += series[step];
            }
        }
        StepSeries s = new StepSeries(absentLabels(matchers), ctx.times.length);
        for (int step = 0; step < lines.length; step++) {
            if (lines[step] == 0) {
                s.set(step, 1);
            }
        }
        return new StepValue.Vector(s.isEmpty() ? List.of() : List.of(s));
    }

    private static Labels absentLabels(List<LabelMatcher> matchers) {
        Map<String, String> labels = new TreeMap<>();
        Set<String> repeated = new HashSet<>();
        for (LabelMatcher m : matchers) {
            if (m.type() == LabelMatcher.Type.EQUAL && !repeated.contains(m.name())) {
                if (labels.put(m.name(), m.value()) != null) {
                    labels.remove(m.name());
                    repeated.add(m.name());
                }
            }
        }
        return Labels.of(labels);
    }

    /** Loki refuses to answer a metric query whose series carry {@code __error__}. */
    private static void checkError(Labels labels) {
        String error = labels.get(LineLabels.ERROR);
        if (error != null && !error.isEmpty()) {
            throw new LogqlQueryException(Kind.BAD_QUERY, "pipeline error: '" + error + "' for series: '" + labels
                    + "'. Use a label filter to intentionally skip this error. (e.g | __error__!=\"" + error
                    + "\"). To skip all potential errors you can match empty errors.(e.g __error__=\"\") The label"
                    + " filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )");
        }
    }

    /** Turns each record that passes the pipeline into a sample of its series. */
    private final class RecordSampler implements io.sightline.storage.logs.LogRecordVisitor {
        private final RangeAggregationExpr expr;
        private final Pipeline pipeline;
        private final Map<Labels, SampleBuffer> series;
        private final long[] held;
        private final LineContext line = new LineContext();
        private final Unwrap unwrap;
        private final List<LineStage> postFilters = new ArrayList<>();
        private final boolean bytes;
        private final Map<Map<String, String>, Labels> interned = new LinkedHashMap<>();

        RecordSampler(RangeAggregationExpr expr, Pipeline pipeline, Map<Labels, SampleBuffer> series, long[] held) {
            this.expr = expr;
            this.pipeline = pipeline;
            this.series = series;
            this.held = held;
            this.unwrap = expr.range().unwrap().orElse(null);
            if (unwrap != null) {
                for (LabelFilter f : unwrap.postFilters()) {
                    postFilters.add(LabelFilters.compile(f));
                }
            }
            this.bytes = expr.op() == RangeOp.BYTES_OVER_TIME || expr.op() == RangeOp.BYTES_RATE;
        }

        @Override
        public boolean visit(Labels stream, io.sightline.storage.logs.LogRecord record) {
            ctx.linesProcessed++;
            ctx.bytesProcessed += record.body().getBytes(StandardCharsets.UTF_8).length;
            line.labels.reset(stream);
            LogStructuredMetadata.forEach(record, line.labels::setMetadata);
            line.line = record.body();
            line.timeNanos = record.effectiveTimeNanos();
            if (!pipeline.process(line)) {
                return true;
            }
            double value = bytes ? line.line.getBytes(StandardCharsets.UTF_8).length : 1;
            if (unwrap != null) {
                String text = line.labels.get(unwrap.label());
                if (text == null || text.isEmpty()) {
                    return true;
                }
                try {
                    value = switch (unwrap.conversion()) {
                        case NONE -> GoValues.parseFloat(text);
                        case DURATION, DURATION_SECONDS -> GoValues.parseDurationSeconds(text);
                        case BYTES -> GoValues.parseBytes(text);
                    };
                } catch (IllegalArgumentException e) {
                    value = 0;
                    line.labels.setError(SAMPLE_EXTRACTION_ERROR, e.getMessage());
                }
                for (LineStage filter : postFilters) {
                    if (!filter.process(line)) {
                        return true;
                    }
                }
            }
            hold(held);
            series.computeIfAbsent(labelsOf(), k -> new SampleBuffer()).add(line.timeNanos, value);
            return true;
        }

        private Labels labelsOf() {
            Map<String, String> all = line.labels.all();
            if (unwrap != null && !line.labels.hasError()) {
                Grouping grouping = expr.grouping().orElse(new Grouping(List.of(), true));
                if (grouping.without()) {
                    all.keySet().removeAll(grouping.labels());
                    all.remove(unwrap.label());
                } else {
                    all.keySet().retainAll(Set.copyOf(grouping.labels()));
                }
            }
            return interned.computeIfAbsent(all, Labels::of);
        }
    }
}
