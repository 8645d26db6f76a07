package io.sightline.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.GoForm;
import io.sightline.ui.LoadControl.LoadRequest;
import io.sightline.ui.LoadControl.LoadRun;

/**
 * The load page: a form to start a run (users, spawn rate, target rate, duration), the current
 * run's figures live (load.js polls {@code /load/runs/<id>.json} every second; without scripts the
 * page refreshes itself while a run is going), a stop button, and every kept run's summary in a
 * table to compare. Start and stop are POSTs answered with a redirect to the page
 * (POST-redirect-GET); a POST from another origin is refused. Without a {@link LoadControl} (not
 * the demo) the page says how to get one.
 */
final class LoadPage implements HttpService {
    /** A form body larger than this is refused: the form has four short fields. */
    private static final int MAX_FORM_BYTES = 4096;

    private final Optional<LoadControl> load;
    private final InstantSource clock;

    LoadPage(Optional<LoadControl> load, InstantSource clock) {
        this.load = load;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/load", this::page)
                .post("/load/start", this::start)
                .post("/load/runs/{id}/stop", this::stop)
                .get("/load/runs/{file}", this::runJson);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Map<String, String> form = new HashMap<>();
        request.query().first("error").ifPresent(error -> form.put("error", error));
        render(request, response, Status.OK_200, form);
    }

    private void render(ServerRequest request, ServerResponse response, Status status, Map<String, String> form) {
        Map<String, Object> model = Html.model(request, clock, "Load", "Load", Map.of());
        model.put("enabled", load.isPresent());
        model.put("users", form.getOrDefault("users", LoadForm.DEFAULT_USERS));
        model.put("spawnRate", form.getOrDefault("spawn_rate", LoadForm.DEFAULT_SPAWN_RATE));
        model.put("targetRate", form.getOrDefault("target_rate", LoadForm.DEFAULT_TARGET_RATE));
        model.put("duration", form.getOrDefault("duration", LoadForm.DEFAULT_DURATION));
        if (form.containsKey("error")) {
            model.put("error", form.get("error"));
        }
        if (load.isPresent()) {
            LoadControl control = load.get();
            List<LoadRun> runs = control.runs();
            Optional<LoadRun> current = control.current();
            String wanted = request.query().first("run").orElse(null);
            LoadRun shown = current.orElseGet(() -> runs.stream()
                    .filter(run -> run.id().equals(wanted)).findFirst().orElse(runs.isEmpty() ? null : runs.getFirst()));
            model.put("target", control.target());
            model.put("limits", control.limits());
            model.put("running", current.isPresent());
            if (current.isPresent()) {
                model.put("noscriptRefresh", "2");
            }
            model.put("runs", runs.stream().map(LoadRunView::of).toList());
            if (shown != null) {
                LoadRunView view = LoadRunView.of(shown);
                model.put("shown", view);
                model.put("chart", LoadRunJson.chart(shown));
            }
        }
        Html.send(request, response, status, "load", model);
    }

    private void start(ServerRequest request, ServerResponse response) {
        if (refusedOrigin(request, response)) {
            return;
        }
        Map<String, String> form = readForm(request);
        if (load.isEmpty()) {
            form.put("error", "Load runs are not available here: start Sightline with the demo command.");
            render(request, response, Status.CONFLICT_409, form);
            return;
        }
        if (form.containsKey("error")) {
            render(request, response, Status.BAD_REQUEST_400, form);
            return;
        }
        LoadRequest parsed;
        try {
            parsed = LoadForm.parse(form::get, load.get().limits());
        } catch (IllegalArgumentException e) {
            form.put("error", e.getMessage());
            render(request, response, Status.BAD_REQUEST_400, form);
            return;
        }
        try {
            LoadRun run = load.get().start(parsed);
            redirect(response, "/load?run=" + encode(run.id()));
        } catch (IllegalStateException e) {
            form.put("error", e.getMessage());
            render(request, response, Status.CONFLICT_409, form);
        }
    }

    private void stop(ServerRequest request, ServerResponse response) {
        if (refusedOrigin(request, response)) {
            return;
        }
        String id = request.path().pathParameters().get("id");
        load.ifPresent(control -> control.stop(id));
        redirect(response, "/load?run=" + encode(id));
    }

    private void runJson(ServerRequest request, ServerResponse response) {
        String file = request.path().pathParameters().get("file");
        Optional<LoadRun> run = file.endsWith(".json")
                ? load.flatMap(control -> control.run(file.substring(0, file.length() - ".json".length())))
                : Optional.empty();
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (run.isEmpty()) {
            response.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":\"no such run\"}");
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/json").send(LoadRunJson.of(run.get()));
    }

    /**
     * Refuses a POST whose Origin is another site's (a page elsewhere must not start load here);
     * browsers send Origin on every cross-origin form POST.
     */
    private static boolean refusedOrigin(ServerRequest request, ServerResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        Optional<String> host = request.headers().first(HeaderNames.HOST);
        if (origin.isEmpty() || origin.get().equals("null") && host.isEmpty()) {
            return false;
        }
        String originHost;
        try {
            URI uri = URI.create(origin.get());
            originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (originHost != null && host.isPresent() && originHost.equalsIgnoreCase(host.get())) {
            return false;
        }
        response.status(Status.FORBIDDEN_403).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .send("A load run can only be started or stopped from Sightline's own pages.");
        return true;
    }

    private static Map<String, String> readForm(ServerRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        try {
            GoForm body = GoForm.read(request, MAX_FORM_BYTES);
            for (String name : List.of("users", "spawn_rate", "target_rate", "duration")) {
                form.put(name, body.first(name));
            }
        } catch (GoForm.FormException e) {
            form.put("error", "The form could not be read: " + e.getMessage());
        }
        return form;
    }

    private static void redirect(ServerResponse response, String location) {
        response.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
