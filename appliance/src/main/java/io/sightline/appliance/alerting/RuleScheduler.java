package io.sightline.appliance.alerting;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.query.rules.RuleEvaluator;
import io.sightline.query.rules.RuleGroup;
import io.sightline.storage.background.BackgroundThreads;

/**
 * Evaluates the loaded rule groups, each at its interval, and reloads the rule files on request
 * (SIGHUP, {@code POST /-/reload}). As in Prometheus: a group runs at a fixed offset within its
 * interval (from a hash of its file and name, so groups spread out and a restart keeps the slots),
 * each evaluation at its slot's time; a reload that finds a bad file keeps the rules it had and
 * says why; alert state carries over for rules that stay.
 */
public final class RuleScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuleScheduler.class.getName());

    private final RuleEvaluator evaluator;
    private final Supplier<List<RuleGroup>> loader;
    private final InstantSource clock;
    private final ScheduledExecutorService threads;
    private final List<ScheduledFuture<?>> running = new ArrayList<>();

    /**
     * @param loader  the groups, read again at every reload ({@link RuleFileLoader}); it throws
     *                {@link IllegalArgumentException} naming the problems of bad files
     * @param threads how many groups may evaluate at the same time
     */
    public RuleScheduler(RuleEvaluator evaluator, Supplier<List<RuleGroup>> loader, InstantSource clock, int threads) {
        this.evaluator = evaluator;
        this.loader = loader;
        this.clock = clock;
        this.threads = Executors.newScheduledThreadPool(threads, BackgroundThreads.factory("rule-evaluation"));
    }

    /**
     * Reads the rule files and, when they are all valid, replaces the groups and their schedules.
     *
     * @throws IllegalArgumentException naming every problem when a file is missing or invalid (the
     *                                  rules loaded before stay in force)
     */
    public synchronized void reload() {
        List<RuleGroup> groups;
        try {
            groups = loader.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule files not loaded, the previous rules stay: " + e.getMessage(), e);
        }
        running.forEach(task -> task.cancel(false));
        running.clear();
        evaluator.replaceGroups(groups, clock.millis());
        for (RuleGroup group : evaluator.loadedGroups()) {
            long interval = group.effectiveIntervalMs(evaluator.config().defaultIntervalMs());
            long offset = Math.floorMod((group.file() + "\u00ff" + group.name()).hashCode(), interval);
            long now = clock.millis();
            long delay = Math.floorMod(offset - now, interval);
            running.add(threads.scheduleAtFixedRate(() -> evaluate(group, interval, offset), delay, interval, TimeUnit.MILLISECONDS));
        }
        LOG.info(() -> "rules: " + evaluator.loadedGroups().size() + " group(s) loaded");
    }

    private void evaluate(RuleGroup group, long interval, long offset) {
        long now = clock.millis();
        long slot = now - Math.floorMod(now - offset, interval);
        try {
            // false: a reload replaced the group meanwhile; the reload cancelled this schedule too
            evaluator.evaluate(group, slot);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "evaluating rule group " + group.name() + " of " + group.file() + " failed", e);
        }
    }

    @Override
    public synchronized void close() {
        running.forEach(task -> task.cancel(false));
        threads.shutdownNow();
    }
}
