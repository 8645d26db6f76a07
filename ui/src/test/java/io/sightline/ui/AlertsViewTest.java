package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.sightline.query.rules.ActiveAlert;
import io.sightline.query.rules.AlertState;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.RuleGroup;
import io.sightline.query.rules.RuleHealth;
import io.sightline.query.rules.RuleStatus;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;

class AlertsViewTest {
    private static final long FIRED = 1_800_000_000_000L;

    @Test
    void firingAlertsComeFirstWithTheirRulesQueryAndAnExplorerLinkEndingWhenTheyFired() {
        AlertingRule rule = new AlertingRule("High", "rate(errors_total[1m]) > 1", 0, 0, Map.of(), Map.of());
        ActiveAlert pending = new ActiveAlert(Labels.of("alertname", "High", "job", "b"), Labels.EMPTY, AlertState.PENDING,
                FIRED + 5_000, ActiveAlert.NONE, ActiveAlert.NONE, ActiveAlert.NONE, 1.5);
        ActiveAlert firing = new ActiveAlert(Labels.of("alertname", "High", "job", "a"),
                Labels.of("summary", "<b>x</b>"), AlertState.FIRING, FIRED - 60_000, FIRED, ActiveAlert.NONE,
                ActiveAlert.NONE, 2);
        RuleStatus alerting = new RuleStatus(rule, "rate(errors_total[1m]) > 1", RuleHealth.OK, "", FIRED + 10_000, 0.002,
                AlertState.FIRING, List.of(pending, firing));
        RuleStatus recording = new RuleStatus(new RecordingRule("r", "sum(x)", Map.of()), "sum(x)", RuleHealth.ERR,
                "boom", ActiveAlert.NONE, 0, AlertState.INACTIVE, List.of());
        GroupStatus group = new GroupStatus(new RuleGroup("g", 0, 0, 0, List.of(rule, recording.rule()), "rules.yml"),
                15_000, List.of(alerting, recording), FIRED + 10_000, 0.004);

        List<AlertsView.AlertView> alerts = AlertsView.alerts(List.of(group),
                labels -> labels.get("job").equals("a") ? "silenced" : "");
        assertThat(alerts).extracting(AlertsView.AlertView::state).containsExactly("firing", "pending");
        AlertsView.AlertView first = alerts.getFirst();
        assertThat(first.exploreLink()).endsWith("&from=" + (FIRED - 3_600_000) + "&to=" + FIRED);
        assertThat(first.annotations()).containsExactly(new AlertsView.Pair("summary", "<b>x</b>"));
        assertThat(first.silenceMatchers()).isEqualTo("alertname=\"High\", job=\"a\"");
        assertThat(first.muted()).isEqualTo("silenced");
        assertThat(first.activeSince()).isEqualTo("2027-01-15T07:59:00Z");
        assertThat(alerts.get(1).exploreLink()).endsWith("&to=" + (FIRED + 5_000));

        List<AlertsView.GroupView> groups = AlertsView.groups(List.of(group));
        assertThat(groups.getFirst().rules()).extracting(AlertsView.RuleView::kind, AlertsView.RuleView::state,
                AlertsView.RuleView::health, AlertsView.RuleView::lastEvaluation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alert", "firing", "ok", "2027-01-15T08:00:10Z"),
                        org.assertj.core.groups.Tuple.tuple("record", "", "err", "never"));
        assertThat(groups.getFirst().rules().get(1).exploreLink()).isEmpty();
        assertThat(groups.getFirst().interval()).isEqualTo("15.0s");
    }
}
