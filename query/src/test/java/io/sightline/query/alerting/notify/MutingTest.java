package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/** Inhibition by Alertmanager's rules, through the default rule and custom ones. */
class MutingTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();
    private final ManualClock clock = new ManualClock(T0);
    private final Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
    private final AlertStore store = new AlertStore(100);

    private static PostableAlert alert(String... labels) {
        return new PostableAlert(Labels.of(labels), Labels.EMPTY, T0, T0 + 300_000, "");
    }

    private Muting muting(List<InhibitRule> rules) {
        return Muting.at(clock.millis(), silences, rules, store);
    }

    @Test
    void theDefaultRuleMutesLowerSeveritiesOfTheSameService() {
        PostableAlert page = alert("alertname", "Down", "severity", "page", "service_name", "checkout");
        store.put(List.of(page), T0);
        Muting muting = muting(InhibitionConfig.DEFAULT.effectiveRules());
        AlertStatus warning = muting.status(Labels.of("alertname", "Slow", "severity", "warning", "service_name", "checkout"));
        assertThat(warning.inhibitedBy()).containsExactly(Fingerprints.hex(Fingerprints.of(page.labels())));
        assertThat(warning.state()).isEqualTo("suppressed");
        assertThat(muting.mutes(Labels.of("alertname", "Slow", "severity", "ticket", "service_name", "checkout"))).isTrue();
        assertThat(muting.mutes(Labels.of("alertname", "Slow", "severity", "warning", "service_name", "payments"))).isFalse();
        assertThat(muting.mutes(Labels.of("alertname", "Other", "severity", "critical", "service_name", "checkout"))).isFalse();
        assertThat(muting(InhibitionConfig.OFF.effectiveRules())
                .mutes(Labels.of("alertname", "Slow", "severity", "warning", "service_name", "checkout"))).isFalse();
    }

    @Test
    void aResolvedSourceInhibitsNothingASilencedOneStillDoes() {
        store.put(List.of(new PostableAlert(Labels.of("severity", "critical", "service_name", "a"), Labels.EMPTY, T0 - 10, T0, "")), T0);
        Labels target = Labels.of("severity", "warning", "service_name", "a");
        assertThat(muting(InhibitionConfig.DEFAULT.effectiveRules()).mutes(target)).isFalse();

        store.put(List.of(alert("severity", "critical", "service_name", "b")), T0);
        silences.set(new Silence("", List.of(AlertmanagerMatchers.parse("severity=critical")), T0, T0 + 3_600_000, 0, "a", "c"));
        Muting muting = muting(InhibitionConfig.DEFAULT.effectiveRules());
        assertThat(muting.status(Labels.of("severity", "critical", "service_name", "b")).silencedBy()).hasSize(1);
        assertThat(muting.status(Labels.of("severity", "warning", "service_name", "b")).inhibitedBy()).hasSize(1);
    }

    @Test
    void missingEqualLabelsCountAsEqualAndTwoSidedAlertsDoNotInhibitEachOther() {
        InhibitRule rule = InhibitRule.of(List.of("team=ops"), List.of("team=~o.*"), List.of("cluster"));
        store.put(List.of(alert("alertname", "X", "team", "ops")), T0);
        Muting muting = muting(List.of(rule));
        assertThat(muting.mutes(Labels.of("alertname", "Y", "team", "oncall"))).isTrue();
        assertThat(muting.mutes(Labels.of("alertname", "Y", "team", "oncall", "cluster", "eu"))).isFalse();
        // matches both sides: the only source also matches both sides, so it is not inhibited
        assertThat(muting.mutes(Labels.of("alertname", "Z", "team", "ops"))).isFalse();
    }
}
