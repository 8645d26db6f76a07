package io.sightline.query.alerting.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.Labels;

/**
 * Silences and inhibition at one instant: {@link #at} indexes the firing alerts matching each
 * inhibition rule's source side by their {@code equal} values once, so every alert's {@link #status}
 * is a few map look-ups plus one pass over the silences. As Alertmanager, an alert silenced itself still
 * inhibits others, and a resolved one inhibits nothing. Immutable once built; thread-safe.
 */
final class Muting {
    /** The source alerts of one rule, by their values of the rule's {@code equal} labels. */
    private record RuleIndex(InhibitRule rule, Map<List<String>, List<Labels>> sources) {
    }

    /** Mutes nothing. */
    static final Muting NONE = new Muting(null, 0, List.of());

    /** Null in {@link #NONE}. */
    private final Silences silences;
    private final long nowMs;
    private final List<RuleIndex> rules;

    private Muting(Silences silences, long nowMs, List<RuleIndex> rules) {
        this.silences = silences;
        this.nowMs = nowMs;
        this.rules = rules;
    }

    static Muting at(long nowMs, Silences silences, List<InhibitRule> inhibitRules, AlertStore alerts) {
        List<AlertStore.Entry> firing = inhibitRules.isEmpty() ? List.of() : alerts.firing(nowMs);
        List<RuleIndex> rules = new ArrayList<>(inhibitRules.size());
        for (InhibitRule rule : inhibitRules) {
            Map<List<String>, List<Labels>> sources = new HashMap<>();
            for (AlertStore.Entry e : firing) {
                Labels labels = e.alert().labels();
                if (AlertmanagerMatchers.matchesAll(rule.sourceMatchers(), labels)) {
                    sources.computeIfAbsent(equalValues(rule, labels), k -> new ArrayList<>()).add(labels);
                }
            }
            rules.add(new RuleIndex(rule, sources));
        }
        return new Muting(silences, nowMs, rules);
    }

    AlertStatus status(Labels labels) {
        List<String> silencedBy = silences == null ? List.of() : silences.silencedBy(labels, nowMs);
        List<String> inhibitedBy = inhibitedBy(labels);
        return silencedBy.isEmpty() && inhibitedBy.isEmpty() ? AlertStatus.ACTIVE : new AlertStatus(silencedBy, inhibitedBy);
    }

    boolean mutes(Labels labels) {
        return status(labels).muted();
    }

    /** Alertmanager's {@code Inhibitor.Mutes}: the first rule with a source alert names it. */
    private List<String> inhibitedBy(Labels target) {
        for (RuleIndex index : rules) {
            InhibitRule rule = index.rule();
            if (!AlertmanagerMatchers.matchesAll(rule.targetMatchers(), target)) {
                continue;
            }
            List<Labels> sources = index.sources().get(equalValues(rule, target));
            if (sources == null) {
                continue;
            }
            boolean twoSided = AlertmanagerMatchers.matchesAll(rule.sourceMatchers(), target);
            for (Labels source : sources) {
                if (twoSided && AlertmanagerMatchers.matchesAll(rule.targetMatchers(), source)) {
                    continue; // an alert on both sides does not inhibit another on both sides (nor itself)
                }
                return List.of(Fingerprints.hex(Fingerprints.of(source)));
            }
        }
        return List.of();
    }

    private static List<String> equalValues(InhibitRule rule, Labels labels) {
        List<String> values = new ArrayList<>(rule.equal().size());
        for (String name : rule.equal()) {
            String value = labels.get(name);
            values.add(value == null ? "" : value);
        }
        return values;
    }
}
