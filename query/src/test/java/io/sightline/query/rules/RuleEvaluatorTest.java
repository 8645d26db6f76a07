package io.sightline.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/** The evaluator over a real TSDB: what is sent to the notifier and when, restore after a restart, reloads. */
class RuleEvaluatorTest {
    private static final long MIN = 60_000;
    private static final Labels UP = Labels.of("__name__", "up", "job", "api");

    @TempDir
    Path dir;
    private Tsdb tsdb;
    private final List<RecordedSamples.Sample> written = new ArrayList<>();
    private final List<List<PostableAlert>> sent = new ArrayList<>();
    private final PromqlEngine engine = new PromqlEngine(EngineConfig.defaults());

    @BeforeEach
    void open() {
        tsdb = Tsdb.open(TsdbConfig.defaults(dir), InstantSource.fixed(Instant.EPOCH));
    }

    @AfterEach
    void close() {
        tsdb.close();
    }

    private RuleEvaluator evaluator(RuleEvaluatorConfig config) {
        RecordedSamples writer = samples -> {
            written.addAll(samples);
            samples.forEach(s -> tsdb.append(s.labels(), s.timeMs(), s.value()));
        };
        return new RuleEvaluator(engine, tsdb, writer, sent::add, config);
    }

    /** up{job="api"} each minute from 0 to {@code lastMinute}: 0 up to {@code downUntil} minutes, then 1. */
    private void loadUp(int lastMinute, int downUntil) {
        for (int m = 0; m <= lastMinute; m++) {
            tsdb.append(UP, m * MIN, m <= downUntil ? 0 : 1);
        }
    }

    private static RuleGroup group(long forMs, Rule... more) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new AlertingRule("Down", "up == 0", forMs, 0, Map.of(), Map.of()));
        rules.addAll(List.of(more));
        return new RuleGroup("g", 0, 0, 0, rules, "f.yml");
    }

    @Test
    void firingAlertsAreResentEveryResendDelayAndResolvedOnesFor15Minutes() {
        loadUp(30, 10);
        RuleEvaluator rules = evaluator(RuleEvaluatorConfig.defaults().withExternalUrl("http://sightline:9090/")
                .withExternalLabels(Labels.of("cluster", "eu1")));
        RuleGroup g = group(2 * MIN);
        rules.replaceGroups(List.of(g), 0);
        List<Long> sendTimes = new ArrayList<>();
        List<PostableAlert> bySend = new ArrayList<>();
        for (int m = 0; m <= 28; m++) {
            int before = sent.size();
            rules.evaluate(g, m * MIN);
            if (sent.size() > before) {
                sendTimes.add((long) m);
                bySend.add(sent.getLast().getFirst());
            }
        }
        // firing from 2m, resent when the last send is more than 1m old; resolved at 11m, sent at once,
        // then every 2m (strictly more than the delay) until dropped after 15m.
        assertThat(sendTimes).containsExactly(2L, 4L, 6L, 8L, 10L, 11L, 13L, 15L, 17L, 19L, 21L, 23L, 25L);
        PostableAlert first = bySend.getFirst();
        assertThat(first.labels()).isEqualTo(Labels.of("alertname", "Down", "job", "api", "cluster", "eu1"));
        assertThat(first.startsAtMs()).isEqualTo(2 * MIN);
        assertThat(first.endsAtMs()).isEqualTo(2 * MIN + 4 * MIN);
        assertThat(first.generatorUrl()).isEqualTo("http://sightline:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
        assertThat(bySend.get(5).endsAtMs()).isEqualTo(11 * MIN);
        assertThat(bySend.getLast().endsAtMs()).isEqualTo(11 * MIN);
        assertThat(rules.alerts()).isEmpty();
        assertThat(rules.groups().getFirst().rules().getFirst().health()).isEqualTo(RuleHealth.OK);
    }

    @Test
    void restartRestoresActiveTimeWithoutCountingTheOutage() {
        loadUp(60, 60);
        RuleGroup g = group(30 * MIN);
        RuleEvaluator before = evaluator(RuleEvaluatorConfig.defaults());
        before.replaceGroups(List.of(g), 0);
        for (int m = 0; m <= 15; m++) {
            before.evaluate(g, m * MIN);
        }
        // the first evaluation after a start waits for the restore: ALERTS from 1m on
        assertThat(written).filteredOn(s -> s.labels().metricName().equals("ALERTS_FOR_STATE"))
                .extracting(RecordedSamples.Sample::timeMs).first().isEqualTo(MIN);
        assertThat(before.alerts()).singleElement().extracting(ActiveAlert::activeAtMs).isEqualTo(0L);

        RuleEvaluator after = evaluator(RuleEvaluatorConfig.defaults()); // "restart" at 17m over the same TSDB
        after.replaceGroups(List.of(g), 17 * MIN);
        after.evaluate(g, 17 * MIN);
        assertThat(after.alerts()).singleElement().extracting(ActiveAlert::activeAtMs).isEqualTo(17 * MIN);
        after.evaluate(g, 18 * MIN); // restores first: down at 15m after 15m pending, 3m outage
        assertThat(after.alerts()).singleElement().extracting(ActiveAlert::activeAtMs).isEqualTo(3 * MIN);
        for (int m = 19; m <= 32; m++) {
            after.evaluate(g, m * MIN);
        }
        assertThat(after.alerts()).singleElement().extracting(ActiveAlert::state).isEqualTo(AlertState.PENDING);
        after.evaluate(g, 33 * MIN);
        assertThat(after.alerts()).singleElement().extracting(ActiveAlert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void restoreNearFiringLeavesAtLeastTheGracePeriod() {
        loadUp(60, 60);
        RuleGroup g = group(30 * MIN);
        RuleEvaluator before = evaluator(RuleEvaluatorConfig.defaults());
        before.replaceGroups(List.of(g), 0);
        for (int m = 0; m <= 25; m++) {
            before.evaluate(g, m * MIN);
        }
        RuleEvaluator after = evaluator(RuleEvaluatorConfig.defaults());
        after.replaceGroups(List.of(g), 26 * MIN);
        after.evaluate(g, 26 * MIN);
        after.evaluate(g, 27 * MIN); // 5m left < 10m grace: fires at 27m + 10m
        assertThat(after.alerts()).singleElement().extracting(ActiveAlert::activeAtMs).isEqualTo(7 * MIN);
    }

    @Test
    void reloadKeepsAlertsOfUnchangedRulesAndMarksRemovedSeriesStale() {
        loadUp(20, 20);
        RuleEvaluator rules = evaluator(RuleEvaluatorConfig.defaults());
        RuleGroup g = group(10 * MIN, new RecordingRule("up:copy", "up", Map.of()));
        rules.replaceGroups(List.of(g), 0);
        for (int m = 0; m <= 3; m++) {
            rules.evaluate(g, m * MIN);
        }
        RuleGroup changed = group(10 * MIN);
        rules.replaceGroups(List.of(changed), 4 * MIN);
        assertThat(rules.evaluate(g, 4 * MIN)).isFalse();
        written.clear();
        rules.evaluate(changed, 4 * MIN);
        assertThat(rules.alerts()).singleElement().extracting(ActiveAlert::activeAtMs).isEqualTo(0L);
        assertThat(written).anySatisfy(s -> {
            assertThat(s.labels()).isEqualTo(Labels.of("__name__", "up:copy", "job", "api"));
            assertThat(Sample.isStaleMarker(s.value())).isTrue();
        });
        written.clear();
        rules.replaceGroups(List.of(), 5 * MIN);
        assertThat(written).hasSize(2).allSatisfy(s -> assertThat(Sample.isStaleMarker(s.value())).isTrue());
        assertThat(rules.groups()).isEmpty();
    }
}
