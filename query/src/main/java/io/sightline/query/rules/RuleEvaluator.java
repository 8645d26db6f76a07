package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Sample;

/**
 * Evaluates rule groups as Prometheus's rule manager does, without scheduling: the caller runs each
 * group at its interval ({@link GroupStatus#intervalMs()}) and passes the evaluation time, so no
 * clock is read here.
 *
 * <pre>{@code
 * RuleEvaluator rules = new RuleEvaluator(engine, tsdb, recordedSamples, notifier, RuleEvaluatorConfig.defaults());
 * rules.replaceGroups(RuleFiles.parse(path), nowMs);   // load; again on reload
 * rules.evaluate(group, nowMs);                        // each group's thread, every interval
 * }</pre>
 *
 * <p>After the first load, alerting rules write no {@code ALERTS} series until their {@code for}
 * state has been restored from the TSDB, which {@link #evaluate} does before a group's second
 * evaluation (Prometheus's order: the first evaluation finds the alerts, then they are restored).
 *
 * <p>Thread-safe: one thread per group may evaluate while others reload or read the status.
 */
public final class RuleEvaluator implements RuleStatusSource {
    private final RuleQueries queries;
    private final RecordedSamples writer;
    private final AlertNotifier notifier;
    private final RuleEvaluatorConfig config;
    private final LongSupplier nanoClock;
    private volatile Map<String, GroupState> groups = Map.of();
    private boolean loadedOnce;

    public RuleEvaluator(PromqlEngine engine, Queryable queryable, RecordedSamples writer, AlertNotifier notifier,
                         RuleEvaluatorConfig config) {
        this(engine, queryable, writer, notifier, config, System::nanoTime);
    }

    /** @param nanoClock measures evaluation durations (monotonic nanoseconds) */
    public RuleEvaluator(PromqlEngine engine, Queryable queryable, RecordedSamples writer, AlertNotifier notifier,
                         RuleEvaluatorConfig config, LongSupplier nanoClock) {
        this(RuleLanguage.promql(Objects.requireNonNull(engine, "engine"), queryable), queryable, writer, notifier, config,
                nanoClock);
    }

    /**
     * Rules whose expressions are in {@code language} (LogQL for log-based rules); {@code queryable}
     * is still the TSDB, where {@code ALERTS_FOR_STATE} is restored from.
     */
    public RuleEvaluator(RuleLanguage language, Queryable queryable, RecordedSamples writer, AlertNotifier notifier,
                         RuleEvaluatorConfig config, LongSupplier nanoClock) {
        this.queries = new RuleQueries(Objects.requireNonNull(queryable, "queryable"), Objects.requireNonNull(language, "language"));
        this.writer = Objects.requireNonNull(writer, "writer");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public RuleEvaluatorConfig config() {
        return config;
    }

    /**
     * Loads {@code newGroups} in place of the current ones, as Prometheus's reload: a group equal to
     * a loaded one (same file, name, settings and rules) keeps running untouched; a changed group
     * takes over the alerts and written series of its rules matched by name and labels; series of
     * removed groups are marked stale at {@code timeMs}. On the first load every alerting rule
     * awaits its {@code for} state restore; groups added by later loads do not.
     *
     * @throws IllegalArgumentException when two groups share a file and name
     */
    public synchronized void replaceGroups(List<RuleGroup> newGroups, long timeMs) {
        Map<String, GroupState> old = groups;
        Map<String, GroupState> next = new LinkedHashMap<>();
        for (RuleGroup g : newGroups) {
            String key = key(g);
            if (next.containsKey(key)) {
                throw new IllegalArgumentException("group \"" + g.name() + "\" of " + g.file() + " is loaded twice");
            }
            GroupState was = old.get(key);
            if (was != null && was.group.equals(g)) {
                next.put(key, was);
                continue;
            }
            GroupState state = new GroupState(g, config, !loadedOnce, queries.language());
            if (was != null) {
                state.copyStateFrom(was);
            }
            next.put(key, state);
        }
        List<RecordedSamples.Sample> stale = new ArrayList<>();
        old.forEach((key, state) -> {
            if (!next.containsKey(key)) {
                for (Labels l : state.writtenSeries()) {
                    stale.add(new RecordedSamples.Sample(l, timeMs, Sample.STALE_NAN));
                }
            }
        });
        groups = next;
        loadedOnce = true;
        if (!stale.isEmpty()) {
            writer.write(stale);
        }
    }

    /** Marks every loaded alerting rule restored without reading the TSDB (promtool's unit tests do this). */
    void skipRestore() {
        groups.values().forEach(GroupState::skipRestore);
    }

    /** The loaded groups, in load order: what the scheduler runs. */
    public List<RuleGroup> loadedGroups() {
        return groups.values().stream().map(s -> s.group).toList();
    }

    /**
     * Evaluates every rule of {@code group} at {@code timeMs} (queries at {@code timeMs - query_offset}).
     *
     * @return false when the group is no longer loaded (a reload replaced it): nothing was done
     */
    public boolean evaluate(RuleGroup group, long timeMs) {
        GroupState state = current(group);
        if (state == null) {
            return false;
        }
        state.evaluate(timeMs, queries, config, writer, notifier, nanoClock);
        return true;
    }

    /**
     * Restores the {@code for} state of the group's alerts from {@code ALERTS_FOR_STATE} now, as
     * Prometheus's {@code RestoreForState}; {@link #evaluate} does this itself before a freshly
     * started group's second evaluation, so only a caller with its own order needs this.
     *
     * @return false when the group is no longer loaded
     */
    public boolean restore(RuleGroup group, long timeMs) {
        GroupState state = current(group);
        if (state == null) {
            return false;
        }
        state.restore(queries.queryable(), config, timeMs);
        return true;
    }

    private GroupState current(RuleGroup group) {
        GroupState state = groups.get(key(group));
        return state != null && state.group.equals(group) ? state : null;
    }

    private static String key(RuleGroup g) {
        return g.file() + ";" + g.name();
    }

    @Override
    public List<GroupStatus> groups() {
        return groups.values().stream().map(GroupState::status).toList();
    }

    @Override
    public List<ActiveAlert> alerts() {
        List<ActiveAlert> out = new ArrayList<>();
        for (GroupStatus g : groups()) {
            for (RuleStatus r : g.rules()) {
                out.addAll(r.alerts());
            }
        }
        out.sort(Comparator.comparing(ActiveAlert::labels));
        return out;
    }
}
