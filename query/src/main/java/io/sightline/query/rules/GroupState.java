package io.sightline.query.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.PostableAlert;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.rules.RuleQueries.RuleEvaluationException;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Sample;

/**
 * One loaded group and the state of its rules, as Prometheus's {@code Group}: evaluates its rules in
 * order, writes each rule's samples (and stale markers for the series it wrote last time and not
 * this time), sends alerts, keeps timings. Thread-safe: every method holds this object's lock, so
 * its scheduler thread and API readers never see a half-done evaluation.
 */
final class GroupState {
    final RuleGroup group;
    final List<RuleState> rules = new ArrayList<>();
    private final long intervalMs;
    /** Series of rules removed by a reload, marked stale at the next evaluation. */
    private final Deque<Labels> staleSeries = new ArrayDeque<>();
    private boolean needsRestore;
    private long evaluations;
    private long lastEvaluationMs = ActiveAlert.NONE;
    private double evaluationSeconds;

    /** @param syntax prints each rule's expression for the APIs */
    GroupState(RuleGroup group, RuleEvaluatorConfig config, boolean needsRestore, RuleSyntax syntax) {
        this.group = group;
        this.intervalMs = group.effectiveIntervalMs(config.defaultIntervalMs());
        this.needsRestore = needsRestore;
        for (Rule rule : group.rules()) {
            rules.add(switch (rule) {
                case RecordingRule r -> new RecordingRuleState(r, syntax.print(r.expr()));
                case AlertingRule a -> new AlertingRuleState(a, syntax.print(a.expr()), config.externalUrl(), !needsRestore);
            });
        }
    }

    long intervalMs() {
        return intervalMs;
    }

    /**
     * Takes over the state of the group this one replaces, as Prometheus's {@code CopyState}: each
     * rule matched by name and labels (the first unused match) gets the old rule's written series
     * and alerts; the series of old rules left unmatched are marked stale at the next evaluation.
     */
    synchronized void copyStateFrom(GroupState old) {
        synchronized (old) {
            lastEvaluationMs = old.lastEvaluationMs;
            evaluationSeconds = old.evaluationSeconds;
            evaluations = old.evaluations;
            Map<String, Deque<RuleState>> byIdentity = new HashMap<>();
            for (RuleState r : old.rules) {
                byIdentity.computeIfAbsent(r.identity(), k -> new ArrayDeque<>()).add(r);
            }
            for (RuleState r : rules) {
                Deque<RuleState> matches = byIdentity.get(r.identity());
                RuleState from = matches == null ? null : matches.poll();
                if (from == null) {
                    continue;
                }
                r.seriesInPreviousEvaluation = from.seriesInPreviousEvaluation;
                if (r instanceof AlertingRuleState to && from instanceof AlertingRuleState was) {
                    to.active.putAll(was.active);
                }
            }
            staleSeries.addAll(old.staleSeries);
            for (Deque<RuleState> unmatched : byIdentity.values()) {
                for (RuleState r : unmatched) {
                    staleSeries.addAll(r.seriesInPreviousEvaluation);
                }
            }
        }
    }

    /** Every series the group wrote at its last evaluation, for stale markers when it is removed. */
    synchronized List<Labels> writtenSeries() {
        List<Labels> out = new ArrayList<>();
        rules.forEach(r -> out.addAll(r.seriesInPreviousEvaluation));
        out.addAll(staleSeries);
        return out;
    }

    synchronized void evaluate(long timeMs, RuleQueries queries, RuleEvaluatorConfig config, RecordedSamples writer,
                               AlertNotifier notifier, LongSupplier nanoClock) {
        if (needsRestore && evaluations > 0) {
            restore(queries.queryable(), config, timeMs);
        }
        long start = nanoClock.getAsLong();
        EvaluationContext ctx = new EvaluationContext(queries, config, timeMs, group.queryOffsetMs(), group.limit(),
                intervalMs);
        if (!staleSeries.isEmpty()) {
            List<RecordedSamples.Sample> stale = new ArrayList<>();
            staleSeries.forEach(l -> stale.add(new RecordedSamples.Sample(l, ctx.queryTimeMs(), Sample.STALE_NAN)));
            staleSeries.clear();
            writer.write(stale);
        }
        for (RuleState rule : rules) {
            long ruleStart = nanoClock.getAsLong();
            try {
                List<RecordedSamples.Sample> samples = rule.evaluate(ctx);
                rule.health = RuleHealth.OK;
                rule.lastError = "";
                if (rule instanceof AlertingRuleState alerting) {
                    List<PostableAlert> due = alerting.alertsToSend(timeMs, config.resendDelayMs(), intervalMs, config);
                    if (!due.isEmpty()) {
                        notifier.send(due);
                    }
                }
                List<RecordedSamples.Sample> out = withStaleMarkers(rule, samples, ctx.queryTimeMs());
                if (!out.isEmpty()) {
                    writer.write(out);
                }
            } catch (RuleEvaluationException e) {
                rule.health = RuleHealth.ERR;
                rule.lastError = e.getMessage();
            } finally {
                rule.lastEvaluationMs = timeMs;
                rule.evaluationSeconds = (nanoClock.getAsLong() - ruleStart) / 1e9;
            }
        }
        evaluations++;
        lastEvaluationMs = timeMs;
        evaluationSeconds = (nanoClock.getAsLong() - start) / 1e9;
    }

    /** The rule's samples plus stale markers for what it wrote last time and not now; remembers this time's. */
    private static List<RecordedSamples.Sample> withStaleMarkers(RuleState rule, List<RecordedSamples.Sample> samples,
                                                                  long timeMs) {
        List<RecordedSamples.Sample> out = new ArrayList<>(samples);
        Set<Labels> written = new HashSet<>();
        samples.forEach(s -> written.add(s.labels()));
        for (Labels previous : rule.seriesInPreviousEvaluation) {
            if (!written.contains(previous)) {
                out.add(new RecordedSamples.Sample(previous, timeMs, Sample.STALE_NAN));
            }
        }
        rule.seriesInPreviousEvaluation = written;
        return out;
    }

    synchronized void restore(Queryable queryable, RuleEvaluatorConfig config, long timeMs) {
        ForStateRestorer.restore(rules, queryable, config, timeMs);
        needsRestore = false;
    }

    synchronized void skipRestore() {
        rules.forEach(r -> {
            if (r instanceof AlertingRuleState a) {
                a.restored = true;
            }
        });
        needsRestore = false;
    }

    synchronized GroupStatus status() {
        return new GroupStatus(group, intervalMs, rules.stream().map(RuleState::status).toList(), lastEvaluationMs,
                evaluationSeconds);
    }
}
