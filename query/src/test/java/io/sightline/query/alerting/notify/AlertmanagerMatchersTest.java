package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

class AlertmanagerMatchersTest {
    @Test
    void parsesTheFourOperatorsQuotedAndBare() {
        assertThat(AlertmanagerMatchers.parse("alertname=Foo")).isEqualTo(LabelMatcher.equal("alertname", "Foo"));
        assertThat(AlertmanagerMatchers.parse(" a != \"x y\" ")).isEqualTo(LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, "a", "x y"));
        assertThat(AlertmanagerMatchers.parse("a=~\"b|c\"").type()).isEqualTo(LabelMatcher.Type.REGEX);
        assertThat(AlertmanagerMatchers.parse("a!~b").type()).isEqualTo(LabelMatcher.Type.NOT_REGEX);
        assertThat(AlertmanagerMatchers.parse("a==b").value()).isEqualTo("=b");
        assertThat(AlertmanagerMatchers.parse("a=\"q\\\"u\\\\o\\nte\"").value()).isEqualTo("q\"u\\o\nte");
    }

    @Test
    void parsesListsInBracesSplittingOutsideQuotes() {
        assertThat(AlertmanagerMatchers.parseList("{alertname=\"A,B\", severity=~\"warn|crit\"}"))
                .containsExactly(LabelMatcher.equal("alertname", "A,B"),
                        LabelMatcher.of(LabelMatcher.Type.REGEX, "severity", "warn|crit"));
    }

    @Test
    void refusesWithAlertmanagersMessages() {
        assertThatThrownBy(() -> AlertmanagerMatchers.parse("foo")).hasMessage("bad matcher format: foo");
        assertThatThrownBy(() -> AlertmanagerMatchers.parse("a=\"b")).hasMessage("matcher value contains unescaped double quote: \"b");
        assertThatThrownBy(() -> AlertmanagerMatchers.parse("a=~(x")).hasMessageStartingWith("invalid regular expression \"(x\": ");
    }

    @Test
    void regexesAreFullyAnchoredAndMissingLabelsMatchEmpty() {
        Labels labels = Labels.of("severity", "warning");
        assertThat(AlertmanagerMatchers.matchesAll(List.of(AlertmanagerMatchers.parse("severity=~warn")), labels)).isFalse();
        assertThat(AlertmanagerMatchers.matchesAll(List.of(AlertmanagerMatchers.parse("severity=~warn.*")), labels)).isTrue();
        assertThat(AlertmanagerMatchers.matchesAll(List.of(AlertmanagerMatchers.parse("team=\"\"")), labels)).isTrue();
        assertThat(AlertmanagerMatchers.matchesAll(List.of(AlertmanagerMatchers.parse("team!=ops")), labels)).isTrue();
    }

    @Test
    void filtersTreatEmptyValuesAsAlertmanagersMatchFilterLabels() {
        Map<String, String> labels = Map.of("a", "1");
        assertThat(AlertmanagerMatchers.filterMatches(List.of(AlertmanagerMatchers.parse("b=\"\"")), labels)).isTrue();
        assertThat(AlertmanagerMatchers.filterMatches(List.of(AlertmanagerMatchers.parse("a!=\"\"")), labels)).isTrue();
        assertThat(AlertmanagerMatchers.filterMatches(List.of(AlertmanagerMatchers.parse("a=2")), labels)).isFalse();
    }
}
