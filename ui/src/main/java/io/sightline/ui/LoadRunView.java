package io.sightline.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sightline.ui.LoadControl.LoadFigures;
import io.sightline.ui.LoadControl.LoadRun;

/** A load run's figures as the page's table and summary show them (formatted, units in the headings). */
record LoadRunView(String id, String state, boolean running, String started, String users, String spawnRate,
                   String targetRate, String duration, String elapsed, String requests, String rate, String failures,
                   String errorPercent, String p50, String p95, String p99, String max) {
    /** This run on the load page. */
    public String link() {
        return "/load?run=" + encode(id);
    }

    /** Where the stop button posts. */
    public String stopAction() {
        return "/load/runs/" + encode(id) + "/stop";
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static LoadRunView of(LoadRun run) {
        LoadFigures t = run.total();
        var request = run.request();
        double errorShare = t.requests() == 0 ? 0 : 100.0 * t.failures() / t.requests();
        return new LoadRunView(run.id(), run.state(), run.running(), TIME.format(run.started()),
                Integer.toString(request.users()), one(request.spawnRate()),
                request.targetRate() == 0 ? "unpaced" : one(request.targetRate()),
                request.duration().toSeconds() + " s", one(t.elapsedSeconds()) + " s", Long.toString(t.requests()),
                one(t.requestsPerSecond()), Long.toString(t.failures()), one(errorShare) + " %", two(t.p50Ms()),
                two(t.p95Ms()), two(t.p99Ms()), two(t.maxMs()));
    }

    private static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
