package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.Logql;

class LogsQueryTest {
    @Test
    void typedLogqlRunsAsWritten() {
        LogsQuery query = LogsQuery.of("  {service_name=\"orders\"} |= \"timeout\" | json | level=\"error\" ", "ignored", "x", "", "");
        assertThat(query.logql()).isEqualTo("{service_name=\"orders\"} |= \"timeout\" | json | level=\"error\"");
        assertThat(query.translated()).isFalse();
        query.validate();
    }

    @Test
    void nothingAskedSelectsEveryStream() {
        LogsQuery query = LogsQuery.of("", "", "", "", "");
        assertThat(query.logql()).isEqualTo(LogsQuery.ALL);
        assertThat(query.translated()).isTrue();
        query.validate();
    }

    @Test
    void simpleSearchTranslatesIntoSelectorAndCaseInsensitiveFilters() {
        LogsQuery query = LogsQuery.of("", "order \"gateway timed\" -debug a.b", "check\"out", "WARN", "ABCDEF");
        assertThat(query.logql()).isEqualTo("{service_name=\"check\\\"out\", level=~\"warn|error|fatal\"}"
                + " |~ \"(?i)order\" |~ \"(?i)gateway timed\" !~ \"(?i)debug\" |~ \"(?i)a\\\\.b\" | trace_id=\"abcdef\"");
        query.validate();
    }

    @Test
    void severitiesMapOntoTheStoresLevels() {
        assertThat(LogsQuery.levelsFrom("DEBUG")).isEqualTo("debug|info|warn|error|fatal");
        assertThat(LogsQuery.levelsFrom("fatal")).isEqualTo("fatal");
        assertThatThrownBy(() -> LogsQuery.levelsFrom("LOUD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min_severity");
    }

    @Test
    void termsSplitWordsPhrasesAndExclusions() {
        assertThat(LogsQuery.terms("  a \"b c\" -d -\"e f\" - \"unclosed g")).containsExactly("a", "b c", "-d", "-e f", "unclosed g");
    }

    @Test
    void aMetricQueryOrBadSyntaxIsRefusedWithAMessage() {
        assertThatThrownBy(() -> LogsQuery.of("count_over_time({a=\"b\"}[1m])", "", "", "", "").validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log query");
        assertThatThrownBy(() -> LogsQuery.of("{a=\"b\"", "", "", "", "").validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parse error");
    }

    @Test
    void theVolumeQueryCountsByLevelOverThePipeline() {
        String volume = LogsQuery.of("{a=\"b\"} |= \"x\" | json", "", "", "", "").volumeQuery(60);
        assertThat(volume).isEqualTo("sum by (level) (count_over_time({a=\"b\"} |= \"x\" | json [60s]))");
        assertThat(Logql.format(Logql.parse(volume))).contains("count_over_time");
    }
}
