package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.SampleIterator;
import io.sightline.storage.tsdb.Series;
import io.sightline.storage.tsdb.SeriesQuerier;

/**
 * Restores the {@code for} state of a group's alerts after a restart, as Prometheus's
 * {@code RestoreForState}: for each alert of the first evaluation, the last {@code ALERTS_FOR_STATE}
 * sample within the outage tolerance tells when it became active and when Sightline went down; the
 * alert's active time is moved so that the time it spent pending before the outage still counts,
 * the outage does not, and it cannot fire sooner than the grace period after the restart. Rules whose
 * {@code for} is shorter than the grace period are not restored (they re-evaluate soon enough).
 */
final class ForStateRestorer {
    private ForStateRestorer() {
    }

    static void restore(List<RuleState> rules, Queryable queryable, RuleEvaluatorConfig config, long ts) {
        try (SeriesQuerier querier = queryable.querier(ts - config.outageToleranceMs(), ts)) {
            for (RuleState state : rules) {
                if (!(state instanceof AlertingRuleState alerting)) {
                    continue;
                }
                long hold = alerting.rule().forMs();
                if (hold >= config.forGracePeriodMs()) {
                    for (AlertingRuleState.Alert a : alerting.active.values()) {
                        restore(alerting, a, querier, config, ts, hold);
                    }
                }
                alerting.restored = true;
            }
        }
    }

    private static void restore(AlertingRuleState rule, AlertingRuleState.Alert a, SeriesQuerier querier,
                                RuleEvaluatorConfig config, long ts, long hold) {
        Labels forState = rule.alertsLabels(a, false);
        List<LabelMatcher> matchers = new ArrayList<>();
        forState.forEach((name, value) -> matchers.add(LabelMatcher.equal(name, value)));
        Series found = null;
        for (Series s : querier.select(matchers)) {
            if (s.labels().size() == forState.size()) {
                found = s;
                break;
            }
        }
        if (found == null) {
            return;
        }
        long t = Long.MIN_VALUE;
        double v = 0;
        SampleIterator it = found.iterator();
        while (it.next()) {
            t = it.timestamp();
            v = it.value();
        }
        if (t == Long.MIN_VALUE || Sample.isStaleMarker(v)) {
            return; // it was not active when the series ended
        }
        long downAt = Math.floorDiv(t, 1000) * 1000; // Prometheus keeps whole seconds of both times
        long activeAt = (long) v * 1000;
        long remaining = hold - (downAt - activeAt);
        // remaining <= 0: it was firing when Sightline went down and keeps its active time; the next
        // evaluation fires it again if it is still active.
        if (remaining > 0 && remaining < config.forGracePeriodMs()) {
            activeAt = ts + config.forGracePeriodMs() - hold; // fires exactly a grace period from now
        } else if (remaining > 0) {
            activeAt = activeAt + (ts - downAt); // the outage does not count as pending time
        }
        a.activeAt = activeAt;
    }
}
