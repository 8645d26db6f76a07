package io.sightline.query.rules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.query.rules.AlertTemplates.Parsed;
import io.sightline.query.rules.RuleQueries.RuleEvaluationException;
import io.sightline.query.template.TemplateQueryFunction;
import io.sightline.storage.tsdb.Labels;

/**
 * An alerting rule's alerts and their state machine, as Prometheus's {@code AlertingRule}: an alert
 * is pending from the first evaluation that returns it, firing once it has been active for
 * {@code for}, kept firing for {@code keep_firing_for} after the expression stops returning it, then
 * inactive (resolved) and kept {@link RuleEvaluatorConfig#RESOLVED_RETENTION_MS} to be sent as
 * resolved. A pending alert that disappears is dropped at once. Guarded by the group's lock.
 */
final class AlertingRuleState extends RuleState {
    static final String ALERTS = "ALERTS";
    static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
    static final String ALERT_NAME = "alertname";
    static final String ALERT_STATE = "alertstate";

    private final AlertingRule rule;
    private final Map<String, Parsed> labelTemplates = new LinkedHashMap<>();
    private final Map<String, Parsed> annotationTemplates = new LinkedHashMap<>();
    /** Alerts by their labels; includes resolved ones within the retention. */
    final Map<Labels, Alert> active = new LinkedHashMap<>();
    /** Whether ALERTS series are written: false after a start until {@code for} state is restored. */
    boolean restored;

    /** @param query the expression as the API and the generator URL show it */
    AlertingRuleState(AlertingRule rule, String query, String externalUrl, boolean restored) {
        super(query);
        this.rule = rule;
        this.restored = restored;
        rule.labels().forEach((k, v) -> labelTemplates.put(k, Parsed.of(rule.alert(), v, externalUrl)));
        rule.annotations().forEach((k, v) -> annotationTemplates.put(k, Parsed.of(rule.alert(), v, externalUrl)));
    }

    @Override
    AlertingRule rule() {
        return rule;
    }

    /** One alert; mutable, guarded by the group's lock. Times are Unix ms, {@link ActiveAlert#NONE} = unset. */
    static final class Alert {
        final Labels labels;
        Labels annotations;
        AlertState state = AlertState.PENDING;
        long activeAt;
        long firedAt = ActiveAlert.NONE;
        long resolvedAt = ActiveAlert.NONE;
        long lastSentAt = ActiveAlert.NONE;
        long validUntil = ActiveAlert.NONE;
        long keepFiringSince = ActiveAlert.NONE;
        double value;

        Alert(Labels labels, Labels annotations, long activeAt, double value) {
            this.labels = labels;
            this.annotations = annotations;
            this.activeAt = activeAt;
            this.value = value;
        }

        ActiveAlert snapshot() {
            return new ActiveAlert(labels, annotations, state, activeAt, firedAt, resolvedAt, keepFiringSince, value);
        }
    }

    @Override
    List<RecordedSamples.Sample> evaluate(EvaluationContext ctx) {
        long ts = ctx.timeMs();
        List<VectorSample> result = ctx.queries().vector(rule.expr(), ctx.queryTimeMs());
        TemplateQueryFunction templateQuery = ctx.queries().forTemplates(ts);
        Map<Labels, Alert> returned = new LinkedHashMap<>();
        for (VectorSample s : result) {
            Map<String, Object> data = AlertTemplates.data(s.labels(), ctx.config().externalLabels(),
                    ctx.config().externalUrl(), s.value());
            Labels.Builder lb = s.labels().toBuilder().delete(Labels.METRIC_NAME);
            labelTemplates.forEach((k, t) -> lb.set(k, AlertTemplates.expand(t, data, templateQuery)));
            lb.set(ALERT_NAME, rule.alert());
            Labels.Builder ab = Labels.builder();
            annotationTemplates.forEach((k, t) -> ab.set(k, AlertTemplates.expand(t, data, templateQuery)));
            Labels labels = lb.build();
            if (returned.containsKey(labels)) {
                throw new RuleEvaluationException(
                        "vector contains metrics with the same labelset after applying alert labels");
            }
            returned.put(labels, new Alert(labels, ab.build(), ts, s.value()));
        }
        for (Alert a : returned.values()) {
            Alert known = active.get(a.labels);
            if (known != null && known.state != AlertState.INACTIVE) {
                known.value = a.value;
                known.annotations = a.annotations;
            } else {
                active.put(a.labels, a);
            }
        }
        List<RecordedSamples.Sample> out = new ArrayList<>();
        int activeOrPending = 0;
        for (Iterator<Alert> it = active.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            if (!returned.containsKey(a.labels)) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && rule.keepFiringForMs() > 0) {
                    if (a.keepFiringSince == ActiveAlert.NONE) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < rule.keepFiringForMs();
                }
                if (a.state == AlertState.PENDING || (a.resolvedAt != ActiveAlert.NONE
                        && ts - a.resolvedAt > RuleEvaluatorConfig.RESOLVED_RETENTION_MS)) {
                    it.remove();
                }
                if (a.state != AlertState.INACTIVE && !keepFiring) {
                    a.state = AlertState.INACTIVE;
                    a.resolvedAt = ts;
                }
                if (!keepFiring) {
                    continue;
                }
            } else {
                a.keepFiringSince = ActiveAlert.NONE;
            }
            activeOrPending++;
            if (a.state == AlertState.PENDING && ts - a.activeAt >= rule.forMs()) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            if (restored) {
                out.add(new RecordedSamples.Sample(alertsLabels(a, true), ctx.queryTimeMs(), 1));
                out.add(new RecordedSamples.Sample(alertsLabels(a, false), ctx.queryTimeMs(),
                        Math.floorDiv(a.activeAt, 1000)));
            }
        }
        if (ctx.limit() > 0 && activeOrPending > ctx.limit()) {
            active.clear();
            throw new RuleEvaluationException("exceeded limit of " + ctx.limit() + " with " + activeOrPending + " alerts");
        }
        return out;
    }

    /** The labels of the alert's {@code ALERTS} (with {@code alertstate}) or {@code ALERTS_FOR_STATE} series. */
    Labels alertsLabels(Alert a, boolean withState) {
        Labels.Builder b = Labels.builder();
        rule.labels().forEach(b::set);
        a.labels.forEach(b::set);
        b.set(Labels.METRIC_NAME, withState ? ALERTS : ALERTS_FOR_STATE);
        b.set(ALERT_NAME, rule.alert());
        if (withState) {
            b.set(ALERT_STATE, a.state.apiName());
        }
        return b.build();
    }

    /**
     * The alerts due to the notifier at {@code ts}, as Prometheus's {@code sendAlerts}: firing ones
     * not sent within the resend delay, resolved ones once after resolving and then every resend
     * delay while retained. Each is valid until {@code ts + 4 × max(resendDelay, interval)}.
     */
    List<PostableAlert> alertsToSend(long ts, long resendDelayMs, long intervalMs, RuleEvaluatorConfig config) {
        List<PostableAlert> out = new ArrayList<>();
        for (Alert a : active.values()) {
            if (!needsSending(a, ts, resendDelayMs)) {
                continue;
            }
            a.lastSentAt = ts;
            a.validUntil = ts + 4 * Math.max(resendDelayMs, intervalMs);
            Labels.Builder labels = a.labels.toBuilder();
            config.externalLabels().forEach((k, v) -> {
                if (!a.labels.has(k)) {
                    labels.set(k, v);
                }
            });
            long endsAt = a.resolvedAt != ActiveAlert.NONE ? a.resolvedAt : a.validUntil;
            out.add(new PostableAlert(labels.build(), a.annotations, a.firedAt, endsAt, generatorUrl(config)));
        }
        return out;
    }

    private static boolean needsSending(Alert a, long ts, long resendDelayMs) {
        if (a.state == AlertState.PENDING) {
            return false;
        }
        if (a.resolvedAt != ActiveAlert.NONE && (a.lastSentAt == ActiveAlert.NONE || a.resolvedAt > a.lastSentAt)) {
            return true;
        }
        return a.lastSentAt == ActiveAlert.NONE || a.lastSentAt + resendDelayMs < ts;
    }

    /** {@code externalURL/graph?g0.expr=QUERY&g0.tab=1} (Prometheus's table link), "" without an external URL. */
    private String generatorUrl(RuleEvaluatorConfig config) {
        if (config.externalUrl().isEmpty()) {
            return "";
        }
        return config.externalUrl() + "/graph?g0.expr=" + queryEscape(query) + "&g0.tab=1";
    }

    /** Go's {@code url.QueryEscape}: like URLEncoder but {@code ~} kept and {@code *} escaped. */
    static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    RuleStatus status() {
        AlertState max = AlertState.INACTIVE;
        List<ActiveAlert> alerts = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.state.compareTo(max) > 0) {
                max = a.state;
            }
            if (a.resolvedAt == ActiveAlert.NONE) {
                alerts.add(a.snapshot());
            }
        }
        alerts.sort(Comparator.comparing(ActiveAlert::labels));
        return new RuleStatus(rule, query, health, lastError, lastEvaluationMs, evaluationSeconds, max, alerts);
    }
}
