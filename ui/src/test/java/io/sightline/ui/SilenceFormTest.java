package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.sightline.query.alerting.notify.Silence;
import io.sightline.storage.tsdb.LabelMatcher;
import org.junit.jupiter.api.Test;

class SilenceFormTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aBodyIsReadAsTheBrowserEncodesIt() {
        Map<String, String> fields = FormBody.parse("matchers=alertname%3D%22A+B%22&created_by=me&comment=&x&created_by=other");
        assertThat(fields).containsEntry("matchers", "alertname=\"A B\"").containsEntry("created_by", "me")
                .containsEntry("comment", "").containsEntry("x", "");
        assertThat(FormBody.parse("")).isEmpty();
    }

    @Test
    void aValidFormBecomesASilenceFromNowForTheDuration() {
        SilenceForm form = SilenceForm.of(Map.of("matchers", "{alertname=\"HighErrorRate\", service_name=~\"orders|inv\"}",
                "duration", "1h30m", "created_by", " ops ", "comment", "deploying"));
        SilenceForm.Outcome outcome = form.toSilence(NOW);
        assertThat(outcome.errors()).isEmpty();
        Silence silence = outcome.silence();
        assertThat(silence.id()).isEmpty();
        assertThat(silence.matchers()).containsExactly(LabelMatcher.equal("alertname", "HighErrorRate"),
                LabelMatcher.of(LabelMatcher.Type.REGEX, "service_name", "orders|inv"));
        assertThat(silence.startsAtMs()).isEqualTo(NOW);
        assertThat(silence.endsAtMs()).isEqualTo(NOW + 5_400_000);
        assertThat(silence.createdBy()).isEqualTo("ops");
    }

    @Test
    void anExplicitStartAndEndWin() {
        SilenceForm form = new SilenceForm("a=\"1\"", "2027-01-15T08:00", "2027-01-15T09:00:00Z", "5m", "me", "why");
        Silence silence = form.toSilence(NOW).silence();
        assertThat(silence.endsAtMs() - silence.startsAtMs()).isEqualTo(3_600_000);
    }

    @Test
    void everyProblemIsNamedByItsField() {
        SilenceForm.Outcome outcome = new SilenceForm("", "yesterday", "", "2x", "", "").toSilence(NOW);
        assertThat(outcome.silence()).isNull();
        assertThat(outcome.errors()).hasSize(5).anySatisfy(e -> assertThat(e).startsWith("Matchers:"))
                .anySatisfy(e -> assertThat(e).startsWith("Start: expected now or a time"))
                .anySatisfy(e -> assertThat(e).startsWith("Duration: not a valid duration string: \"2x\""))
                .anySatisfy(e -> assertThat(e).startsWith("Author:"))
                .anySatisfy(e -> assertThat(e).startsWith("Comment:"));
        assertThat(new SilenceForm("a=~\"(\"", "", "", "", "me", "why").toSilence(NOW).errors())
                .singleElement().asString().startsWith("Matchers: ");
        assertThat(new SilenceForm("a=\"1\"", "", "2020-01-01T00:00:00Z", "", "me", "why").toSilence(NOW).errors())
                .containsExactly("End: the silence must end after it starts");
    }

    @Test
    void alertLabelsPrefillMatchersThatParseBack() {
        var labels = io.sightline.storage.tsdb.Labels.of("alertname", "X", "note", "say \"hi\"\\");
        String text = AlertsView.matchers(labels);
        assertThat(SilenceForm.blank(text).toSilence(NOW).errors()).containsExactly("Author: say who creates the silence",
                "Comment: say why the alerts are silenced");
        assertThat(new SilenceForm(text, "", "", "", "me", "why").toSilence(NOW).silence().matchers())
                .containsExactly(LabelMatcher.equal("alertname", "X"), LabelMatcher.equal("note", "say \"hi\"\\"));
    }

    @Test
    void theExplorerLinkEndsWhenTheAlertFiredAndSkipsNonPromql() {
        assertThat(AlertsView.exploreLink("rate(a[1m]) > 0", 7_200_000))
                .isEqualTo("/explore?query=rate%28a%5B1m%5D%29+%3E+0&from=3600000&to=7200000");
        assertThat(AlertsView.exploreLink("sum(count_over_time({job=\"x\"} |= \"err\" [1m]))", 7_200_000)).isEmpty();
    }
}
