package io.sightline.ui;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.promql.QueryValue.MatrixSeries;
import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.SeriesExemplars;

/**
 * Turns a range query's matrix (and the exemplars of its selectors) into what the explorer shows: the
 * {@code data-chart} JSON {@code app.js} draws with uPlot, the table rows with each series' latest
 * value, and the exemplar list linking to traces. Pure functions of their arguments; stateless.
 *
 * <p>The chart's x axis is every step from start to end (Unix seconds), so series with gaps line up;
 * a step without a sample is null (a gap in the line). Exemplars, whose times fall between steps, are
 * drawn as a points-only series at their nearest step, the highest per step, each linking to its trace.
 */
final class ExploreChart {
    /** The exemplar label OpenTelemetry's and Sightline's span-metric exemplars carry the trace id in. */
    static final String TRACE_ID = "trace_id";
    /** Significant digits of the chart's values (the table shows them in full). */
    static final int CHART_DIGITS = 6;

    /** One row of the table view: a series, its latest value and, when asked, all its values. */
    record Row(String series, String latest, String latestTime, List<Point> values) {
    }

    /** One value of a series, formatted. */
    record Point(String time, String value) {
    }

    /** One exemplar under the chart, linking to its trace when it names one. */
    record ExemplarRow(String time, String value, String series, String traceId, String traceLink) {
    }

    private ExploreChart() {
    }

    /** The steps of a range query, Unix ms: start, start + step, ... up to end. */
    static long[] steps(long startMs, long endMs, long stepMs) {
        int n = (int) ((endMs - startMs) / stepMs) + 1;
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = startMs + i * stepMs;
        }
        return steps;
    }

    /**
     * The {@code data-chart} JSON (see app.js): {@code x} in Unix seconds, one entry of {@code series}
     * per matrix series named by its labels, and an {@code exemplars} points-only series with
     * {@code links} to traces when there are exemplars in the range.
     */
    static String json(List<MatrixSeries> matrix, List<SeriesExemplars> exemplars, long startMs, long endMs,
                       long stepMs, boolean stacked) {
        long[] steps = steps(startMs, endMs, stepMs);
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setHtmlSafe(true);
            json.beginObject().name("x").beginArray();
            for (long step : steps) {
                json.value(step / 1000.0);
            }
            json.endArray().name("series").beginArray();
            for (MatrixSeries series : matrix) {
                json.beginObject().name("name").value(series.labels().toString()).name("values").beginArray();
                Double[] values = aligned(series, startMs, stepMs, steps.length);
                for (Double v : values) {
                    if (v == null) {
                        json.nullValue();
                    } else {
                        json.value(chartValue(v));
                    }
                }
                json.endArray().endObject();
            }
            if (hasAny(exemplars)) {
                writeExemplarSeries(json, exemplars, startMs, stepMs, steps.length);
            }
            json.endArray().name("stacked").value(stacked).name("zoom").value(true).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * {@code v} to {@value #CHART_DIGITS} significant digits: a chart cannot show more, and full doubles
     * would double the page (100 series × 250 steps).
     */
    static double chartValue(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(CHART_DIGITS)).doubleValue();
    }

    /** A series' values at each step, null where it has none or the value is not finite. */
    static Double[] aligned(MatrixSeries series, long startMs, long stepMs, int steps) {
        Double[] values = new Double[steps];
        long[] times = series.timestampsMs();
        for (int i = 0; i < times.length; i++) {
            long offset = times[i] - startMs;
            if (offset < 0 || offset % stepMs != 0 || offset / stepMs >= steps) {
                continue;
            }
            double v = series.values()[i];
            values[(int) (offset / stepMs)] = Double.isFinite(v) ? v : null;
        }
        return values;
    }

    private static void writeExemplarSeries(JsonWriter json, List<SeriesExemplars> exemplars, long startMs, long stepMs,
                                            int steps) throws IOException {
        Double[] values = new Double[steps];
        String[] links = new String[steps];
        for (SeriesExemplars group : exemplars) {
            for (Exemplar e : group.exemplars()) {
                if (!Double.isFinite(e.value())) {
                    continue;
                }
                int i = (int) Math.clamp(Math.round((e.timestampMs() - startMs) / (double) stepMs), 0, steps - 1);
                if (values[i] == null || e.value() > values[i]) {
                    values[i] = e.value();
                    links[i] = traceLink(e.labels().get(TRACE_ID));
                }
            }
        }
        json.beginObject().name("name").value("exemplars").name("points").value(true).name("values").beginArray();
        for (Double v : values) {
            if (v == null) {
                json.nullValue();
            } else {
                json.value(v);
            }
        }
        json.endArray().name("links").beginArray();
        for (String link : links) {
            if (link == null || link.isEmpty()) {
                json.nullValue();
            } else {
                json.value(link);
            }
        }
        json.endArray().endObject();
    }

    /**
     * The table's rows: each series with its latest value and, while {@code maxValues} lasts, all its
     * values (series after the budget is spent list none; 0 lists none at all).
     */
    static List<Row> rows(List<MatrixSeries> matrix, int maxValues) {
        List<Row> rows = new ArrayList<>(matrix.size());
        int budget = maxValues;
        for (MatrixSeries series : matrix) {
            int last = series.size() - 1;
            List<Point> values = List.of();
            if (series.size() > 0 && series.size() <= budget) {
                budget -= series.size();
                values = new ArrayList<>(series.size());
                for (int i = 0; i < series.size(); i++) {
                    values.add(new Point(time(series.timestampsMs()[i]), number(series.values()[i])));
                }
            }
            rows.add(new Row(series.labels().toString(), last < 0 ? "" : number(series.values()[last]),
                    last < 0 ? "" : time(series.timestampsMs()[last]), values));
        }
        return rows;
    }

    /** The exemplars, newest first, at most {@code max}. */
    static List<ExemplarRow> exemplarRows(List<SeriesExemplars> exemplars, int max) {
        List<ExemplarRow> rows = new ArrayList<>();
        List<Exemplar> all = new ArrayList<>();
        List<String> seriesOf = new ArrayList<>();
        for (SeriesExemplars group : exemplars) {
            for (Exemplar e : group.exemplars()) {
                all.add(e);
                seriesOf.add(group.series().toString());
            }
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(all.get(b).timestampMs(), all.get(a).timestampMs()));
        for (int k = 0; k < order.length && rows.size() < max; k++) {
            Exemplar e = all.get(order[k]);
            String traceId = e.labels().get(TRACE_ID);
            traceId = traceId == null ? "" : traceId;
            rows.add(new ExemplarRow(time(e.timestampMs()), number(e.value()), seriesOf.get(order[k]), traceId,
                    traceLink(traceId)));
        }
        return rows;
    }

    /** The trace page of {@code traceId}, "" when there is none or it is not a hex trace id. */
    static String traceLink(String traceId) {
        if (traceId == null || traceId.isEmpty() || traceId.length() > 32
                || !traceId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return "";
        }
        return "/traces/" + traceId;
    }

    private static boolean hasAny(List<SeriesExemplars> exemplars) {
        return exemplars.stream().anyMatch(group -> !group.exemplars().isEmpty());
    }

    /** A sample value as Prometheus prints it: integers without a fraction, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
