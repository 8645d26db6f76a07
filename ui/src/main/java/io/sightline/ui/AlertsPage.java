package io.sightline.ui;

import java.net.URI;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.alerting.notify.AlertStatus;
import io.sightline.query.alerting.notify.Notifications;
import io.sightline.query.alerting.notify.SilenceException;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RuleStatusSource;

/**
 * The alerts page, {@code /alerts}: rule groups and their rules' state, health and last evaluation;
 * the pending and firing alerts with their labels, annotations and a link to their query in the
 * explorer at the time they fired; the built-in notifier's silences (list, create, expire) and each
 * webhook receiver's delivery log. Creating and expiring are POST forms answered by a redirect back to
 * the page (POST-redirect-GET), or by the page with the problems when the form is not valid. A POST
 * whose {@code Origin} is another site is refused, so another page cannot silence alerts through a
 * visitor's browser.
 */
final class AlertsPage implements HttpService {
    /** Delivery attempts listed per receiver, newest first. */
    static final int DELIVERIES_SHOWN = 20;

    private final Supplier<RuleStatusSource> rules;
    private final Supplier<Notifications> notifications;
    private final InstantSource clock;

    AlertsPage(Supplier<RuleStatusSource> rules, Supplier<Notifications> notifications, InstantSource clock) {
        this.rules = rules;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Parses this page's template before the first request needs it. */
    static void warmUp() {
        Map<String, Object> model = ExplorePage.layoutForWarmUp("Alerts", "/alerts");
        model.put("groups", List.of());
        model.put("alerts", List.of());
        model.put("firingCount", 0L);
        model.put("pendingCount", 0L);
        model.put("notifierStarted", true);
        model.put("silences", List.of());
        model.put("receivers", List.of());
        model.put("form", SilenceForm.blank(""));
        model.put("silenceErrors", List.of());
        model.put("notice", null);
        Pages.warmUp("alerts", model);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/alerts", this::page)
                .post("/alerts/silences", this::createSilence)
                .post("/alerts/silences/expire", this::expireSilence);
    }

    private void page(ServerRequest request, ServerResponse response) {
        String done = request.query().first("done").orElse("");
        String prefill = request.query().first("silence_matchers").orElse("");
        Map<String, Object> model = model(request, SilenceForm.blank(prefill), List.of());
        model.put("notice", switch (done) {
            case "created" -> "Silence created.";
            case "expired" -> "Silence expired.";
            default -> null;
        });
        Html.send(request, response, Status.OK_200, "alerts", model);
    }

    private void createSilence(ServerRequest request, ServerResponse response) {
        Map<String, String> fields = fields(request);
        if (!sameOrigin(request, response)) {
            return;
        }
        SilenceForm form = SilenceForm.of(fields);
        Notifications notifier = notifications.get();
        if (notifier == null) {
            rerender(request, response, fields, form, List.of("Silences: the notifier has not started yet"));
            return;
        }
        SilenceForm.Outcome outcome = form.toSilence(clock.millis());
        if (!outcome.errors().isEmpty()) {
            rerender(request, response, fields, form, outcome.errors());
            return;
        }
        try {
            notifier.silences().set(outcome.silence());
        } catch (SilenceException e) {
            rerender(request, response, fields, form, List.of(e.getMessage()));
            return;
        }
        redirect(response, fields, "created");
    }

    private void expireSilence(ServerRequest request, ServerResponse response) {
        Map<String, String> fields = fields(request);
        if (!sameOrigin(request, response)) {
            return;
        }
        Notifications notifier = notifications.get();
        String id = fields.getOrDefault("id", "");
        try {
            if (notifier == null) {
                throw new IllegalStateException("the notifier has not started yet");
            }
            notifier.silences().expire(id);
        } catch (SilenceException | IllegalStateException e) {
            rerender(request, response, fields, SilenceForm.blank(""), List.of("Expiring silence " + id + ": " + e.getMessage()));
            return;
        }
        redirect(response, fields, "expired");
    }

    private Map<String, Object> model(ServerRequest request, SilenceForm form, List<String> silenceErrors) {
        Map<String, Object> model = Html.model(request, clock, "Alerts", "Alerts", Map.of());
        RuleStatusSource source = rules.get();
        List<GroupStatus> groups = source == null ? List.of() : source.groups();
        model.put("groups", AlertsView.groups(groups));
        Notifications notifier = notifications.get();
        List<AlertsView.AlertView> alerts = AlertsView.alerts(groups, labels -> muting(notifier, labels));
        model.put("alerts", alerts);
        model.put("firingCount", alerts.stream().filter(a -> a.state().equals("firing")).count());
        model.put("pendingCount", alerts.stream().filter(a -> a.state().equals("pending")).count());
        model.put("notifierStarted", notifier != null);
        model.put("silences", notifier == null ? List.of() : AlertsView.silences(notifier.silences().list(), clock.millis()));
        model.put("receivers", notifier == null ? List.of()
                : AlertsView.receivers(notifier.webhookDispatcher(), DELIVERIES_SHOWN));
        model.put("form", form);
        model.put("silenceErrors", silenceErrors);
        model.put("notice", null);
        return model;
    }

    /** "silenced", "inhibited" or "" (external labels aside, the notifier sees the labels the rule engine shows). */
    private static String muting(Notifications notifier, io.sightline.storage.tsdb.Labels labels) {
        if (notifier == null) {
            return "";
        }
        AlertStatus status = notifier.status(labels);
        return !status.silencedBy().isEmpty() ? "silenced" : status.inhibitedBy().isEmpty() ? "" : "inhibited";
    }

    /** The page again with the form as submitted and its problems, so nothing typed is lost. */
    private void rerender(ServerRequest request, ServerResponse response, Map<String, String> fields, SilenceForm form,
                          List<String> errors) {
        Map<String, Object> model = model(request, form, errors);
        TimeRange range;
        try {
            range = TimeRange.of(name -> java.util.Optional.ofNullable(fields.get(name)), clock.instant());
        } catch (IllegalArgumentException e) {
            range = TimeRange.lastHour(clock.instant());
        }
        model.put("range", range);
        model.put("rangeQuery", range.query());
        model.put("path", "/alerts");
        Html.send(request, response, Status.BAD_REQUEST_400, "alerts", model);
    }

    /** 303 to the page, with the range the form carried and what was done. */
    private void redirect(ServerResponse response, Map<String, String> fields, String done) {
        TimeRange range;
        try {
            range = TimeRange.of(name -> java.util.Optional.ofNullable(fields.get(name)), clock.instant());
        } catch (IllegalArgumentException e) {
            range = TimeRange.lastHour(clock.instant());
        }
        response.status(Status.SEE_OTHER_303)
                .header(HeaderNames.LOCATION, "/alerts?" + range.query() + "&done=" + done + "#silences").send();
    }

    private static Map<String, String> fields(ServerRequest request) {
        String body = request.content().hasEntity() ? request.content().as(String.class) : "";
        try {
            return FormBody.parse(body);
        } catch (IllegalArgumentException e) {
            return new LinkedHashMap<>();
        }
    }

    /** Whether the POST came from this site's own page (or from no browser page at all); else answers 403. */
    private static boolean sameOrigin(ServerRequest request, ServerResponse response) {
        String origin = request.headers().value(HeaderNames.ORIGIN).orElse("");
        String host = request.headers().value(HeaderNames.HOST).orElse("");
        if (origin.isEmpty()) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            if (authority != null && authority.equalsIgnoreCase(host)) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            // not a URI: refused below
        }
        response.status(Status.FORBIDDEN_403).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .send("refused: this form may only be sent from Sightline's own pages\n");
        return false;
    }
}
