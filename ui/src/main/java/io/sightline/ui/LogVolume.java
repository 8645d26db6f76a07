package io.sightline.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.sightline.query.api.ApiTimes;
import io.sightline.query.logql.LogqlResult;
import io.sightline.storage.logs.LogStreams;

/**
 * The logs page's volume histogram: lines per severity level in equal windows over the range, as a
 * stacked bar chart ({@code data-chart} JSON for {@code app.js}, zoomable) and the same figures as a
 * table. The windows come from one LogQL range query (see {@link LogsQuery#volumeQuery}) evaluated at
 * {@link #firstEndNanos}, + step, … {@link #lastEndNanos}; each point counts the window (t − step, t],
 * drawn as a bar centred on the window's middle. Immutable after {@link #of}.
 *
 * @param stepSeconds window length
 * @param starts      window starts, Unix seconds (the chart's x is the middle: start + step / 2)
 * @param counts      lines per window, by level, levels in {@link #LEVEL_ORDER} then others by name
 */
record LogVolume(long stepSeconds, long[] starts, Map<String, long[]> counts) {
    /** Level order bottom to top of a stack, and their colours (WCAG AA on white where text uses them). */
    static final Map<String, String> LEVEL_ORDER = levelColours();
    /** Window lengths the histogram picks from, seconds. */
    static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
            43200, 86400, 172800, 604800};

    /** The smallest of {@link #STEPS} giving at most {@code bars} windows over the range (the largest step beyond). */
    static long stepSeconds(long startMs, long endMs, int bars) {
        long span = Math.max(1, (endMs - startMs + 999) / 1000);
        for (long step : STEPS) {
            if ((span + step - 1) / step <= bars) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** First evaluation time: the end of the aligned window holding the range's start, nanoseconds. */
    static long firstEndNanos(long startMs, long stepSeconds) {
        long step = stepSeconds * 1000;
        return (Math.floorDiv(startMs, step) * step + step) * 1_000_000L;
    }

    /** Last evaluation time: the end of the aligned window holding the range's end, nanoseconds. */
    static long lastEndNanos(long endMs, long stepSeconds) {
        long step = stepSeconds * 1000;
        return (Math.floorDiv(endMs, step) * step + step) * 1_000_000L;
    }

    /** The histogram of a volume query's answer; a series without a level counts as {@code unknown}. */
    static LogVolume of(LogqlResult.Matrix matrix, long firstEndNanos, long lastEndNanos, long stepSeconds) {
        long stepNanos = stepSeconds * 1_000_000_000L;
        int windows = (int) ((lastEndNanos - firstEndNanos) / stepNanos) + 1;
        long[] starts = new long[windows];
        for (int i = 0; i < windows; i++) {
            starts[i] = (firstEndNanos + i * stepNanos) / 1_000_000_000L - stepSeconds;
        }
        Map<String, long[]> byLevel = new java.util.TreeMap<>();
        for (LogqlResult.SampleSeries series : matrix.series()) {
            String level = series.labels().getOrDefault(LogStreams.LEVEL, LogStreams.UNKNOWN_LEVEL);
            long[] counts = byLevel.computeIfAbsent(level, l -> new long[windows]);
            for (int i = 0; i < series.timesNanos().length; i++) {
                long index = (series.timesNanos()[i] - firstEndNanos) / stepNanos;
                if (index >= 0 && index < windows) {
                    counts[(int) index] += Math.round(series.values()[i]);
                }
            }
        }
        Map<String, long[]> ordered = new LinkedHashMap<>();
        LEVEL_ORDER.keySet().forEach(level -> {
            if (byLevel.containsKey(level)) {
                ordered.put(level, byLevel.remove(level));
            }
        });
        ordered.putAll(byLevel);
        return new LogVolume(stepSeconds, starts, ordered);
    }

    /** Lines in all windows. */
    public long total() {
        return counts.values().stream().flatMapToLong(java.util.Arrays::stream).sum();
    }

    /** The chart as app.js reads it: stacked bars by level, zoom by dragging. */
    public String chartJson() {
        JsonObject chart = new JsonObject();
        JsonArray x = new JsonArray();
        for (long start : starts) {
            x.add(start + stepSeconds / 2.0);
        }
        chart.add("x", x);
        JsonArray series = new JsonArray();
        counts.forEach((level, values) -> {
            JsonObject one = new JsonObject();
            one.addProperty("name", level);
            one.addProperty("colour", LEVEL_ORDER.getOrDefault(level, "#6b3fa0"));
            JsonArray points = new JsonArray();
            for (long value : values) {
                if (value == 0) {
                    points.add(com.google.gson.JsonNull.INSTANCE); // no bar (the table still says 0)
                } else {
                    points.add(value);
                }
            }
            one.add("values", points);
            series.add(one);
        });
        chart.add("series", series);
        chart.addProperty("stacked", true);
        chart.addProperty("bars", true);
        chart.addProperty("zoom", true);
        chart.addProperty("unit", "");
        return chart.toString();
    }

    /** The same figures for reading without scripts: one row per window with any line. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = starts.length - 1; i >= 0; i--) {
            List<Long> values = new ArrayList<>();
            long sum = 0;
            for (long[] perLevel : counts.values()) {
                values.add(perLevel[i]);
                sum += perLevel[i];
            }
            if (sum > 0) {
                rows.add(new Row(ApiTimes.formatNanos(starts[i] * 1_000_000_000L), starts[i] * 1000,
                        (starts[i] + stepSeconds) * 1000, values, sum));
            }
        }
        return rows;
    }

    /**
     * One window of the table: its start, its bounds in Unix ms (to zoom into it), the lines per level
     * (in {@link #counts}' order) and their sum.
     */
    record Row(String start, long fromMs, long toMs, List<Long> counts, long total) {
    }

    private static Map<String, String> levelColours() {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("fatal", "#7d1a14");
        colours.put("error", "#b3261e");
        colours.put("warn", "#c98a00");
        colours.put("info", "#1f5fbf");
        colours.put("debug", "#546e7a");
        colours.put("trace", "#90a4ae");
        colours.put(LogStreams.UNKNOWN_LEVEL, "#6b3fa0");
        return java.util.Collections.unmodifiableMap(colours);
    }
}
