package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.alerting.PostableAlert;
import io.sightline.query.api.GoForm;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * Alertmanager's API v2 over the built-in notifier, enough for {@code amtool} and Grafana's Alertmanager
 * data source: {@code GET/POST /api/v2/alerts}, {@code GET /api/v2/alerts/groups},
 * {@code GET/POST /api/v2/silences}, {@code GET/DELETE /api/v2/silence/{id}}, {@code GET /api/v2/status},
 * {@code GET /api/v2/receivers}. Answers and errors have Alertmanager 0.25's shapes (see query/README.md).
 * Mounted at the root. Thread-safe.
 */
public final class AlertmanagerApi implements HttpService {
    private static final Logger LOG = Logger.getLogger(AlertmanagerApi.class.getName());
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final Notifications notifications;
    private final AlertmanagerApiConfig config;
    private final BuildInfo versionInfo;
    private final long startedMs;

    /**
     * @param versionInfo what {@code /api/v2/status} reports as {@code versionInfo}
     */
    public AlertmanagerApi(Notifications notifications, AlertmanagerApiConfig config, BuildInfo versionInfo) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.config = Objects.requireNonNull(config, "config");
        this.versionInfo = Objects.requireNonNull(versionInfo, "versionInfo");
        this.startedMs = notifications.clock().millis();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v2/status", handler((request, response) -> json(response, status())));
        rules.get("/api/v2/receivers", handler((request, response) -> {
            StringBuilder out = new StringBuilder("[");
            List<String> names = receiverNames();
            for (int i = 0; i < names.size(); i++) {
                out.append(i > 0 ? "," : "");
                AlertmanagerApiJson.receiver(out, names.get(i));
            }
            json(response, out.append(']').toString());
        }));
        rules.get("/api/v2/alerts", handler((request, response) -> json(response, alerts(request))));
        rules.post("/api/v2/alerts", handler(this::postAlerts));
        rules.get("/api/v2/alerts/groups", handler((request, response) -> json(response, groups(request))));
        rules.get("/api/v2/silences", handler((request, response) -> json(response, silences(request))));
        rules.post("/api/v2/silences", handler(this::postSilence));
        rules.get("/api/v2/silence/{silenceID}", handler((request, response) -> {
            Silence silence = notifications.silences().get(silenceId(request))
                    .orElseThrow(() -> new AlertmanagerApiErrorNoBody(404));
            StringBuilder out = new StringBuilder();
            AlertmanagerApiJson.silence(out, silence, notifications.clock().millis());
            json(response, out.toString());
        }));
        rules.delete("/api/v2/silence/{silenceID}", handler((request, response) -> {
            notifications.silences().expire(silenceId(request));
            response.status(Status.OK_200).send();
        }));
    }

    private String alerts(ServerRequest request) {
        AlertFilter filter = AlertFilter.of(GoForm.of(request.query().rawValue()));
        long now = notifications.clock().millis();
        Muting muting = notifications.muting(now);
        List<String> receivers = receiverNames();
        List<String[]> found = new ArrayList<>(); // fingerprint, json
        for (AlertStore.Entry e : notifications.alertStore().snapshot()) {
            if (e.alert().resolvedAt(now) || !filter.receiverMatches(receivers)) {
                continue;
            }
            AlertStatus status = muting.status(e.alert().labels());
            if (!filter.accepts(e.alert().labels(), status)) {
                continue;
            }
            StringBuilder one = new StringBuilder(512);
            AlertmanagerApiJson.alert(one, e.alert(), e.updatedAtMs(), receivers, status);
            found.add(new String[] {Fingerprints.hex(Fingerprints.of(e.alert().labels())), one.toString()});
        }
        found.sort(Comparator.comparing(f -> f[0]));
        StringBuilder out = new StringBuilder(2 + 512 * found.size()).append('[');
        for (int i = 0; i < found.size(); i++) {
            out.append(i > 0 ? "," : "").append(found.get(i)[1]);
        }
        return out.append(']').toString();
    }

    /** Each receiver's groups (by its {@code group_by}) of the alerts the filters let through. */
    private String groups(ServerRequest request) {
        AlertFilter filter = AlertFilter.of(GoForm.of(request.query().rawValue()));
        long now = notifications.clock().millis();
        Muting muting = notifications.muting(now);
        List<String> receivers = receiverNames();
        StringBuilder out = new StringBuilder("[");
        int written = 0;
        for (WebhookReceiverConfig receiver : notifications.config().receivers()) {
            if (!filter.receiverMatches(List.of(receiver.name()))) {
                continue;
            }
            TreeMap<Labels, List<AlertStore.Entry>> groups = new TreeMap<>();
            Map<Labels, AlertStatus> statuses = new HashMap<>();
            for (AlertStore.Entry e : notifications.alertStore().snapshot()) {
                Labels labels = e.alert().labels();
                if (e.alert().resolvedAt(now)) {
                    continue;
                }
                AlertStatus status = muting.status(labels);
                if (filter.accepts(labels, status)) {
                    statuses.put(labels, status);
                    groups.computeIfAbsent(groupLabels(receiver, labels), k -> new ArrayList<>()).add(e);
                }
            }
            for (Map.Entry<Labels, List<AlertStore.Entry>> group : groups.entrySet()) {
                group.getValue().sort(Comparator.comparing(e -> Fingerprints.hex(Fingerprints.of(e.alert().labels()))));
                out.append(written++ > 0 ? "," : "").append("{\"alerts\":[");
                for (int i = 0; i < group.getValue().size(); i++) {
                    AlertStore.Entry e = group.getValue().get(i);
                    out.append(i > 0 ? "," : "");
                    AlertmanagerApiJson.alert(out, e.alert(), e.updatedAtMs(), receivers, statuses.get(e.alert().labels()));
                }
                out.append("],\"labels\":");
                AlertmanagerApiJson.labels(out, group.getKey());
                out.append(",\"receiver\":");
                AlertmanagerApiJson.receiver(out, receiver.name());
                out.append('}');
            }
        }
        return out.append(']').toString();
    }

    private void postAlerts(ServerRequest request, ServerResponse response) {
        long now = notifications.clock().millis();
        List<String> errors = new ArrayList<>();
        List<PostableAlert> alerts = AlertmanagerApiRequests.alerts(body(request), now,
                config.resolveTimeout().toMillis(), errors);
        notifications.receive(alerts);
        if (!errors.isEmpty()) {
            throw AlertmanagerApiError.message(400, String.join("; ", errors));
        }
        response.status(Status.OK_200).send();
    }

    private String silences(ServerRequest request) {
        List<LabelMatcher> filters = filters(GoForm.of(request.query().rawValue()));
        long now = notifications.clock().millis();
        StringBuilder out = new StringBuilder("[");
        int written = 0;
        for (Silence silence : notifications.silences().list()) {
            Map<String, String> asLabels = new HashMap<>();
            silence.matchers().forEach(m -> asLabels.put(m.name(), m.value()));
            if (!AlertmanagerMatchers.filterMatches(filters, asLabels)) {
                continue;
            }
            out.append(written++ > 0 ? "," : "");
            AlertmanagerApiJson.silence(out, silence, now);
        }
        return out.append(']').toString();
    }

    private void postSilence(ServerRequest request, ServerResponse response) {
        Silence silence = AlertmanagerApiRequests.silence(body(request));
        if (silence.startsAtMs() >= silence.endsAtMs()) {
            throw AlertmanagerApiError.message(400, "Failed to create silence: start time must be before end time");
        }
        if (silence.endsAtMs() < notifications.clock().millis()) {
            throw AlertmanagerApiError.message(400, "Failed to create silence: end time can't be in the past");
        }
        String id = notifications.silences().set(silence);
        StringBuilder out = new StringBuilder("{");
        GoJson.key(out, "silenceID");
        GoJson.string(out, id);
        json(response, out.append('}').toString());
    }

    private String status() {
        StringBuilder out = new StringBuilder(1024);
        out.append("{\"cluster\":{\"peers\":[],\"status\":\"disabled\"},\"config\":{");
        GoJson.key(out, "original");
        GoJson.string(out, AlertmanagerConfigYaml.of(notifications.config()));
        out.append("},");
        GoJson.key(out, "uptime");
        GoJson.string(out, GoJson.openApiTime(startedMs));
        out.append(",\"versionInfo\":{");
        String[][] fields = {{"branch", versionInfo.branch()}, {"buildDate", versionInfo.buildDate()},
                {"buildUser", versionInfo.buildUser()}, {"goVersion", versionInfo.goVersion()},
                {"revision", versionInfo.revision()}, {"version", versionInfo.version()}};
        for (int i = 0; i < fields.length; i++) {
            out.append(i > 0 ? "," : "");
            GoJson.key(out, fields[i][0]);
            GoJson.string(out, fields[i][1]);
        }
        return out.append("}}").toString();
    }

    private List<String> receiverNames() {
        return notifications.webhookDispatcher().receiverNames();
    }

    private static Labels groupLabels(WebhookReceiverConfig receiver, Labels labels) {
        if (receiver.groupsByAll()) {
            return labels;
        }
        Labels.Builder builder = Labels.builder();
        for (String name : receiver.groupBy()) {
            if (labels.has(name)) {
                builder.set(name, labels.get(name));
            }
        }
        return builder.build();
    }

    static List<LabelMatcher> filters(GoForm form) {
        List<LabelMatcher> out = new ArrayList<>();
        for (String text : form.all("filter")) {
            try {
                out.add(AlertmanagerMatchers.parse(text));
            } catch (IllegalArgumentException e) {
                throw AlertmanagerApiError.message(400, e.getMessage());
            }
        }
        return out;
    }

    private static String silenceId(ServerRequest request) {
        String id = request.path().pathParameters().get("silenceID");
        if (!UUID.matches(id)) {
            throw AlertmanagerApiError.validation(601, "silenceID in path must be of type uuid: "
                    + io.sightline.query.promql.parser.GoStrings.quote(id));
        }
        return id;
    }

    private String body(ServerRequest request) {
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
            if (body.length > config.maxBodyBytes()) {
                throw AlertmanagerApiError.message(413, "request body larger than " + config.maxBodyBytes() + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AlertmanagerApiError.message(400, "cannot read request body: " + e.getMessage());
        }
    }

    private static void json(ServerResponse response, String body) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A 404 without a body, as Alertmanager's {@code GET /silence/{id}} for an unknown id. */
    private static final class AlertmanagerApiErrorNoBody extends RuntimeException {
        final int status;

        AlertmanagerApiErrorNoBody(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        void answer(ServerRequest request, ServerResponse response) throws Exception;
    }

    /** One place mapping failures to Alertmanager's statuses; anything unexpected is a logged 500. */
    private static Handler handler(Endpoint endpoint) {
        return (request, response) -> {
            try {
                endpoint.answer(request, response);
            } catch (AlertmanagerApiError e) {
                response.status(Status.create(e.status));
                response.header(HeaderNames.CONTENT_TYPE, "application/json");
                response.send(e.body.getBytes(StandardCharsets.UTF_8));
            } catch (AlertmanagerApiErrorNoBody e) {
                response.status(Status.create(e.status)).send();
            } catch (SilenceException e) {
                int status = e.kind() == SilenceException.Kind.NOT_FOUND ? 404 : 400;
                response.status(Status.create(status));
                response.header(HeaderNames.CONTENT_TYPE, "application/json");
                response.send(AlertmanagerApiJson.message(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                if (response.isSent()) {
                    throw e;
                }
                LOG.log(Level.SEVERE, "Alertmanager API request failed", e);
                response.status(Status.INTERNAL_SERVER_ERROR_500);
                response.header(HeaderNames.CONTENT_TYPE, "application/json");
                response.send(AlertmanagerApiJson.message(String.valueOf(e.getMessage())).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** The {@code GET /alerts} and {@code /alerts/groups} parameters, as Alertmanager applies them. */
    private record AlertFilter(boolean active, boolean silenced, boolean inhibited, List<LabelMatcher> filters,
                               Pattern receiver) {
        static AlertFilter of(GoForm form) {
            Pattern receiver = null;
            String regex = form.first("receiver");
            if (!regex.isEmpty()) {
                try {
                    receiver = Pattern.compile("^(?:" + regex + ")$");
                } catch (PatternSyntaxException e) {
                    throw AlertmanagerApiError.message(400, "failed to parse receiver param: " + e.getDescription());
                }
            }
            return new AlertFilter(bool(form, "active"), bool(form, "silenced"), bool(form, "inhibited"),
                    AlertmanagerApi.filters(form), receiver);
        }

        boolean receiverMatches(List<String> names) {
            return receiver == null || names.stream().anyMatch(receiver::matches);
        }

        boolean accepts(Labels labels, AlertStatus status) {
            if (!active && !status.muted()) {
                return false;
            }
            if (!silenced && !status.silencedBy().isEmpty() || !inhibited && !status.inhibitedBy().isEmpty()) {
                return false;
            }
            Map<String, String> map = new HashMap<>();
            labels.forEach(map::put);
            return AlertmanagerMatchers.filterMatches(filters, map);
        }

        /** go-openapi's boolean query parameter: default true; anything but Go's bool words is a 422. */
        private static boolean bool(GoForm form, String name) {
            String value = form.first(name);
            return switch (value) {
                case "" -> true;
                case "1", "t", "T", "true", "TRUE", "True" -> true;
                case "0", "f", "F", "false", "FALSE", "False" -> false;
                default -> throw AlertmanagerApiError.validation(601, name + " in query must be of type boolean: "
                        + io.sightline.query.promql.parser.GoStrings.quote(value));
            };
        }
    }
}
