package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import io.sightline.query.promql.QueryValue;

/**
 * The {@code data-chart} JSON app.js draws (see its header): the range query's steps as the x axis
 * (Unix seconds) and each series' values on them, null where a series has no point. Written with
 * Gson, so names are JSON-escaped; Thymeleaf then escapes the attribute.
 */
final class ChartJson {
    private static final Gson GSON = new Gson();

    private final long startMs;
    private final long stepMs;
    private final int points;
    private final Map<String, Object> chart = new LinkedHashMap<>();
    private final List<Map<String, Object>> series = new ArrayList<>();

    /** @param unit "s", "%" (values are ratios) or "" */
    ChartJson(long startMs, long endMs, long stepMs, String unit) {
        this.startMs = startMs;
        this.stepMs = stepMs;
        this.points = (int) ((endMs - startMs) / stepMs) + 1;
        List<Long> x = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            x.add((startMs + i * stepMs) / 1000);
        }
        chart.put("x", x);
        chart.put("series", series);
        chart.put("unit", unit);
    }

    /** Adds a series; {@code values} may be null (no data: a line of nulls). */
    ChartJson add(String name, QueryValue.MatrixSeries values) {
        Double[] aligned = new Double[points];
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                long offset = values.timestampsMs()[i] - startMs;
                int index = (int) (offset / stepMs);
                double v = values.values()[i];
                if (offset >= 0 && offset % stepMs == 0 && index < points && !Double.isNaN(v) && !Double.isInfinite(v)) {
                    aligned[index] = v;
                }
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("values", java.util.Arrays.asList(aligned));
        series.add(entry);
        return this;
    }

    ChartJson zoom() {
        chart.put("zoom", true);
        return this;
    }

    String json() {
        return GSON.toJson(chart);
    }
}
