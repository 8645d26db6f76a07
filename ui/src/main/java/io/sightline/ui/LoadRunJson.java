package io.sightline.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.sightline.ui.LoadControl.LoadFigures;
import io.sightline.ui.LoadControl.LoadPoint;
import io.sightline.ui.LoadControl.LoadRun;

/**
 * A load run as JSON: the live endpoint's answer ({@code /load/runs/<id>.json}) and the two charts'
 * {@code data-chart} specs (rate and failures per second; latency percentiles in seconds) that
 * app.js draws and load.js redraws from the same answer.
 */
final class LoadRunJson {
    private LoadRunJson() {
    }

    /** {@code {"id", "state", "total": {...}, "rateChart": {...}, "latencyChart": {...}}} */
    static String of(LoadRun run) {
        LoadFigures t = run.total();
        return "{\"id\":" + string(run.id()) + ",\"state\":" + string(run.state())
                + ",\"total\":{\"elapsedSeconds\":" + number(t.elapsedSeconds()) + ",\"users\":" + t.users()
                + ",\"requests\":" + t.requests() + ",\"requestsPerSecond\":" + number(t.requestsPerSecond())
                + ",\"failures\":" + t.failures() + ",\"clientErrors\":" + t.clientErrors()
                + ",\"p50Ms\":" + number(t.p50Ms()) + ",\"p95Ms\":" + number(t.p95Ms()) + ",\"p99Ms\":"
                + number(t.p99Ms()) + ",\"maxMs\":" + number(t.maxMs()) + "}"
                + ",\"rateChart\":" + rateChart(run) + ",\"latencyChart\":" + latencyChart(run) + "}";
    }

    /** Requests and failures per second, one point a second. */
    static String rateChart(LoadRun run) {
        return chart(run.points(), "", List.of("requests/s", "failures/s"),
                List.of(LoadPoint::requestsPerSecond, LoadPoint::failuresPerSecond));
    }

    /** p50, p95 and p99 over the run so far, in seconds (app.js formats them as ms). */
    static String latencyChart(LoadRun run) {
        return chart(run.points(), "s", List.of("p50", "p95", "p99"),
                List.of(p -> p.p50Ms() / 1000, p -> p.p95Ms() / 1000, p -> p.p99Ms() / 1000));
    }

    /** Both charts' specs by name, for the template. */
    static java.util.Map<String, String> chart(LoadRun run) {
        return java.util.Map.of("rate", rateChart(run), "latency", latencyChart(run));
    }

    private static String chart(List<LoadPoint> points, String unit, List<String> names,
                                List<ToDoubleFunction<LoadPoint>> values) {
        StringBuilder json = new StringBuilder("{\"unit\":\"").append(unit).append("\",\"x\":[");
        for (int i = 0; i < points.size(); i++) {
            json.append(i == 0 ? "" : ",").append(points.get(i).epochSecond());
        }
        json.append("],\"series\":[");
        for (int s = 0; s < names.size(); s++) {
            json.append(s == 0 ? "" : ",").append("{\"name\":").append(string(names.get(s))).append(",\"values\":[");
            for (int i = 0; i < points.size(); i++) {
                json.append(i == 0 ? "" : ",").append(number(values.get(s).applyAsDouble(points.get(i))));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
