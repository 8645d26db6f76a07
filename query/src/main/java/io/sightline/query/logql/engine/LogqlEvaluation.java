package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.sightline.query.logql.Logql;
import io.sightline.query.logql.LogqlEngineConfig;
import io.sightline.query.logql.LogqlParseException;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;
import io.sightline.query.logql.parser.BinaryExpr;
import io.sightline.query.logql.parser.LabelReplaceExpr;
import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.logql.parser.LogqlExpr;
import io.sightline.query.logql.parser.RangeAggregationExpr;
import io.sightline.query.logql.parser.SampleExpr;
import io.sightline.query.logql.parser.VectorAggregationExpr;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.tsdb.Labels;

/**
 * The evaluator's entry, behind {@code io.sightline.query.logql.LogqlEngine}: parses, checks Loki's
 * request rules, runs a log or metric query and shapes the answer (instant: vector or scalar;
 * range: matrix; log: streams) with its statistics. Stateless apart from its collaborators;
 * thread-safe.
 */
public final class LogqlEvaluation {
    private final LogQuerier querier;
    private final LineTemplates templates;
    private final LogqlEngineConfig config;
    private final LongSupplier nanoClock;

    public LogqlEvaluation(LogQuerier querier, LineTemplates templates, LogqlEngineConfig config, LongSupplier nanoClock) {
        this.querier = querier;
        this.templates = templates;
        this.config = config;
        this.nanoClock = nanoClock;
    }

    public LogqlResult execute(LogqlRequest request) {
        long started = nanoClock.getAsLong();
        LogqlExpr expr = parse(request.query());
        try {
            if (expr instanceof LogSelectorExpr selector) {
                return logQuery(selector, request, started);
            }
            return metricQuery((SampleExpr) expr, request, started);
        } catch (IllegalArgumentException e) {
            throw new LogqlQueryException(Kind.BAD_QUERY, e.getMessage(), e);
        }
    }

    private static LogqlExpr parse(String query) {
        try {
            return Logql.parse(query);
        } catch (LogqlParseException e) {
            throw new LogqlQueryException(Kind.BAD_QUERY, e.getMessage(), e);
        }
    }

    private LogqlResult logQuery(LogSelectorExpr selector, LogqlRequest request, long started) {
        if (request.instant()) {
            throw new LogqlQueryException(Kind.BAD_QUERY, "log queries are not supported as an instant query type,"
                    + " please change your query to a range query type");
        }
        if (request.limit() > config.maxEntries()) {
            throw new LogqlQueryException(Kind.LIMIT, "max entries limit per query exceeded, limit > max_entries_limit_per_query ("
                    + request.limit() + " > " + config.maxEntries() + ")");
        }
        EvalContext ctx = context(request, new long[] {request.endNanos()});
        List<LogqlResult.LogStream> streams = new LogQueryEvaluator(ctx).evaluate(selector, request);
        long entries = streams.stream().mapToLong(s -> s.entries().size()).sum();
        return new LogqlResult.Streams(streams, stats(ctx, started, entries));
    }

    private LogqlResult metricQuery(SampleExpr expr, LogqlRequest request, long started) {
        long[] times = times(request);
        EvalContext ctx = context(request, times);
        StepValue value = new MetricEvaluator(ctx).evaluate(expr);
        if (value instanceof StepValue.Scalar scalar) {
            if (request.instant()) {
                return new LogqlResult.Scalar(times[0], scalar.values()[0], stats(ctx, started, 1));
            }
            StepSeries s = new StepSeries(Labels.EMPTY, times.length);
            for (int i = 0; i < times.length; i++) {
                s.set(i, scalar.values()[i]);
            }
            value = new StepValue.Vector(List.of(s));
        }
        List<StepSeries> series = new ArrayList<>(((StepValue.Vector) value).series());
        series.removeIf(StepSeries::isEmpty);
        if (series.size() > config.maxSeries()) {
            throw new LogqlQueryException(Kind.LIMIT, "maximum number of series (" + config.maxSeries() + ") reached for a"
                    + " single query; consider reducing query cardinality by adding more specific stream selectors,"
                    + " reducing the time range, or aggregating results with functions like sum(), count() or topk()");
        }
        if (!(request.instant() && MetricEvaluator.sortsItself(expr))) {
            series.sort((a, b) -> a.labels.compareTo(b.labels));
        }
        if (request.instant()) {
            List<LogqlResult.VectorSample> samples = new ArrayList<>();
            for (StepSeries s : series) {
                samples.add(new LogqlResult.VectorSample(new TreeMap<>(labelMap(s.labels)), s.values[0]));
            }
            return new LogqlResult.Vector(times[0], samples, stats(ctx, started, samples.size()));
        }
        List<LogqlResult.SampleSeries> matrix = new ArrayList<>();
        long points = 0;
        for (StepSeries s : series) {
            int n = s.present.cardinality();
            long[] t = new long[n];
            double[] v = new double[n];
            int at = 0;
            for (int step = s.present.nextSetBit(0); step >= 0; step = s.present.nextSetBit(step + 1)) {
                t[at] = times[step];
                v[at++] = s.values[step];
            }
            points += n;
            matrix.add(new LogqlResult.SampleSeries(labelMap(s.labels), t, v));
        }
        return new LogqlResult.Matrix(matrix, stats(ctx, started, points));
    }

    private static java.util.Map<String, String> labelMap(Labels labels) {
        java.util.Map<String, String> map = new TreeMap<>();
        labels.forEach(map::put);
        return map;
    }

    /** start, start + step, ..., up to end inclusive; one time for an instant query. */
    private static long[] times(LogqlRequest request) {
        if (request.instant()) {
            return new long[] {request.startNanos()};
        }
        long n = (request.endNanos() - request.startNanos()) / request.stepNanos() + 1;
        if (n > 11_000) {
            throw new LogqlQueryException(Kind.BAD_QUERY, "exceeded maximum resolution of 11,000 points per timeseries."
                    + " Try decreasing the query resolution (?step=XX)");
        }
        long[] times = new long[(int) n];
        for (int i = 0; i < n; i++) {
            times[i] = request.startNanos() + i * request.stepNanos();
        }
        return times;
    }

    private EvalContext context(LogqlRequest request, long[] times) {
        return new EvalContext(querier, templates, config, times, nanoClock, request.timeout());
    }

    private LogqlStats stats(EvalContext ctx, long started, long entries) {
        return new LogqlStats(nanoClock.getAsLong() - started, ctx.linesProcessed, ctx.bytesProcessed, entries,
                ctx.partitionsSearched, ctx.indexQuery);
    }

    /** The plan of a query: per log selector, what the store gets and what runs here. */
    public LogqlExplain explain(LogqlRequest request) {
        LogqlExpr expr = parse(request.query());
        List<LogqlExplain.Scan> scans = new ArrayList<>();
        try {
            if (expr instanceof LogSelectorExpr selector) {
                Pipeline p = Pipeline.compile(selector.stages(), templates);
                scans.add(new LogqlExplain.Scan(selectorText(selector), texts(p), false, p.described(), ""));
                return new LogqlExplain(Logql.format(expr), "log", scans, "");
            }
            collect((SampleExpr) expr, Optional.empty(), request, scans);
        } catch (IllegalArgumentException e) {
            throw new LogqlQueryException(Kind.BAD_QUERY, e.getMessage(), e);
        }
        return new LogqlExplain(Logql.format(expr), "metric", scans, Logql.format(expr));
    }

    private void collect(SampleExpr expr, Optional<Set<String>> needed, LogqlRequest request, List<LogqlExplain.Scan> scans) {
        switch (expr) {
            case RangeAggregationExpr r -> {
                Pipeline p = Pipeline.compile(r.range().selector().stages(), templates);
                long range = r.range().range().toNanos();
                long offset = r.range().offset().toNanos();
                boolean indexOnly = RangeAggregationEvaluator.samplesOnly(r, p, needed, querier,
                        request.startNanos() - offset - range + 1, request.endNanos() - offset + 1);
                List<String> stages = new ArrayList<>(p.described());
                r.range().unwrap().ifPresent(u -> stages.add("| unwrap " + (u.conversion().keyword().isEmpty()
                        ? u.label() : u.conversion().keyword() + "(" + u.label() + ")")));
                String window = r.op().keyword() + " [" + r.range().range() + "]"
                        + (offset != 0 ? " offset " + r.range().offset() : "");
                scans.add(new LogqlExplain.Scan(selectorText(r.range().selector()), texts(p), indexOnly, stages, window));
            }
            case VectorAggregationExpr v -> collect(v.expr(), MetricEvaluator.neededBelow(v), request, scans);
            case BinaryExpr b -> {
                collect(b.lhs(), Optional.empty(), request, scans);
                collect(b.rhs(), Optional.empty(), request, scans);
            }
            case LabelReplaceExpr l -> collect(l.expr(), Optional.empty(), request, scans);
            default -> {
            }
        }
    }

    private static String selectorText(LogSelectorExpr selector) {
        return Logql.format(new LogSelectorExpr(selector.matchers(), List.of()));
    }

    private static List<String> texts(Pipeline p) {
        return p.pushed().stream().map(Object::toString).toList();
    }
}
