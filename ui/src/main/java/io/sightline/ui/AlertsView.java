package io.sightline.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.sightline.query.alerting.notify.DeliveryAttempt;
import io.sightline.query.alerting.notify.Silence;
import io.sightline.query.alerting.notify.WebhookDispatcher;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.rules.ActiveAlert;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RuleStatus;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * What the alerts page shows, built from the rule engine's and the notifier's snapshots: plain
 * records of already formatted text, so the template only prints (and escapes) them. Stateless.
 */
final class AlertsView {
    /** How far back the explorer link of an alert looks from the time it fired. */
    static final long EXPLORE_WINDOW_MS = 3_600_000;

    record Pair(String name, String value) {
    }

    record GroupView(String name, String file, String interval, String lastEvaluation, String evaluationTime,
                     List<RuleView> rules) {
    }

    record RuleView(String name, String kind, String state, String health, String lastEvaluation,
                    String evaluationTime, String lastError, String query, String exploreLink, int alerts) {
    }

    /** @param muted "" when notifications go out, else by what they are held back ("silenced", "inhibited") */
    record AlertView(String name, String state, List<Pair> labels, List<Pair> annotations, String activeSince,
                     String value, String query, String exploreLink, String silenceMatchers, String muted) {
    }

    record SilenceView(String id, String state, String matchers, String startsAt, String endsAt, String createdBy,
                       String comment, boolean expirable) {
    }

    record DeliveryView(String time, String outcome, String outcomeClass, int attempt, String httpStatus, String error,
                        int alerts, String groupKey) {
    }

    record ReceiverView(String name, String summary, List<DeliveryView> deliveries) {
    }

    private AlertsView() {
    }

    static List<GroupView> groups(List<GroupStatus> groups) {
        List<GroupView> views = new ArrayList<>(groups.size());
        for (GroupStatus group : groups) {
            List<RuleView> rules = new ArrayList<>(group.rules().size());
            for (RuleStatus rule : group.rules()) {
                boolean alerting = rule.rule() instanceof AlertingRule;
                long at = rule.lastEvaluationMs() == ActiveAlert.NONE ? 0 : rule.lastEvaluationMs();
                rules.add(new RuleView(rule.rule().name(), alerting ? "alert" : "record",
                        alerting ? rule.state().apiName() : "", rule.health().apiName(), time(rule.lastEvaluationMs()),
                        seconds(rule.evaluationTimeSeconds()), rule.lastError(), rule.query(),
                        at == 0 ? "" : exploreLink(rule.query(), at), rule.alerts().size()));
            }
            views.add(new GroupView(group.group().name(), group.group().file(), seconds(group.intervalMs() / 1000.0),
                    time(group.lastEvaluationMs()), seconds(group.evaluationTimeSeconds()), rules));
        }
        return views;
    }

    /**
     * The pending and firing alerts of every alerting rule, firing ones first, each with its rule's query.
     *
     * @param muting whether the notifier holds an alert's notifications back, by its labels ("" when not)
     */
    static List<AlertView> alerts(List<GroupStatus> groups, Function<Labels, String> muting) {
        List<AlertView> firing = new ArrayList<>();
        List<AlertView> pending = new ArrayList<>();
        for (GroupStatus group : groups) {
            for (RuleStatus rule : group.rules()) {
                for (ActiveAlert alert : rule.alerts()) {
                    long at = alert.firedAtMs() != ActiveAlert.NONE ? alert.firedAtMs() : alert.activeAtMs();
                    AlertView view = new AlertView(rule.rule().name(), alert.state().apiName(), pairs(alert.labels()),
                            pairs(alert.annotations()), time(alert.activeAtMs()), ExploreChart.number(alert.value()),
                            rule.query(), exploreLink(rule.query(), at), matchers(alert.labels()),
                            muting.apply(alert.labels()));
                    (alert.state().apiName().equals("firing") ? firing : pending).add(view);
                }
            }
        }
        firing.addAll(pending);
        return firing;
    }

    static List<SilenceView> silences(List<Silence> silences, long nowMs) {
        List<SilenceView> views = new ArrayList<>(silences.size());
        for (Silence s : silences) {
            Silence.State state = s.state(nowMs);
            views.add(new SilenceView(s.id(), state.apiName(), matchers(s.matchers()), time(s.startsAtMs()),
                    time(s.endsAtMs()), s.createdBy(), s.comment(), state != Silence.State.EXPIRED));
        }
        return views;
    }

    /** Each webhook receiver's counters and last {@code max} delivery attempts, newest first. */
    static List<ReceiverView> receivers(WebhookDispatcher dispatcher, int max) {
        List<ReceiverView> views = new ArrayList<>();
        for (String name : dispatcher.receiverNames()) {
            WebhookDispatcher.ReceiverStats stats = dispatcher.stats(name);
            List<DeliveryAttempt> log = dispatcher.deliveryLog(name);
            List<DeliveryView> deliveries = new ArrayList<>();
            for (int i = log.size() - 1; i >= 0 && deliveries.size() < max; i--) {
                DeliveryAttempt a = log.get(i);
                String outcome = a.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                deliveries.add(new DeliveryView(time(a.timeMs()), outcome,
                        a.outcome() == DeliveryAttempt.Outcome.DELIVERED ? "ok" : a.outcome() == DeliveryAttempt.Outcome.RETRYING ? "warn" : "bad",
                        a.attempt(), a.httpStatus() == 0 ? "–" : Integer.toString(a.httpStatus()), a.error(), a.alerts(),
                        a.groupKey()));
            }
            String summary = stats.delivered() + " delivered, " + stats.undelivered() + " undelivered, "
                    + stats.attempts() + " attempts (" + stats.failedAttempts() + " failed), " + stats.groups() + " groups";
            views.add(new ReceiverView(name, summary, deliveries));
        }
        return views;
    }

    /**
     * {@code /explore?query=<expr>&from=<t-1h>&to=<t>} (Unix ms), or "" when the query is not PromQL
     * (a LogQL rule's): the explorer would only show a parse error.
     */
    static String exploreLink(String query, long atMs) {
        try {
            PromqlEngine.parse(query);
        } catch (PromqlParseException e) {
            return "";
        }
        return "/explore?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&from=" + (atMs - EXPLORE_WINDOW_MS)
                + "&to=" + atMs;
    }

    /** Alertmanager's notation of label equality matchers, to prefill a silence: {@code a="1", b="2"}. */
    static String matchers(Labels labels) {
        List<String> parts = new ArrayList<>();
        labels.forEach((name, value) -> parts.add(name + "=" + quote(value)));
        return String.join(", ", parts);
    }

    static String matchers(List<LabelMatcher> matchers) {
        List<String> parts = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            parts.add(m.name() + m.type().symbol() + quote(m.value()));
        }
        return String.join(", ", parts);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static List<Pair> pairs(Labels labels) {
        List<Pair> pairs = new ArrayList<>(labels.size());
        labels.forEach((name, value) -> pairs.add(new Pair(name, value)));
        return pairs;
    }

    static String time(long ms) {
        return ms == ActiveAlert.NONE || ms == 0 ? "never" : Instant.ofEpochMilli(ms).toString();
    }

    private static String seconds(double s) {
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.3gs", s);
        }
        return String.format(Locale.ROOT, "%.3gms", s * 1000);
    }
}
