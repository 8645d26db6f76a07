package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;

class LogRowTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void readsLevelServiceAndTraceFromTheLabels() {
        LogRow row = LogRow.of(Map.of("service_name", "orders", "level", "error", "severity_text", "ERROR"),
                new LogqlResult.LogEntry(5, "boom", Map.of("trace_id", TRACE, "span_id", "00f067aa0ba902b7", "note", "x"), Map.of()));
        assertThat(row.severityClass()).isEqualTo("sev-error");
        assertThat(row.severity()).isEqualTo("ERROR");
        assertThat(row.shortTraceId()).isEqualTo("4bf92f35");
        assertThat(row.traceLink("from=now-1h&to=now")).isEqualTo("/traces/" + TRACE + "?from=now-1h&to=now");
        assertThat(row.contextLink("from=a")).isEqualTo("/logs/context?service=orders&ts=5&from=a");
        assertThat(row.metadata()).containsKeys("note", "trace_id");
    }

    @Test
    void withoutTraceOrLevelThereIsNoTraceLinkAndTheLevelIsUnknown() {
        LogRow row = LogRow.of(Map.of("service_name", "a b"), new LogqlResult.LogEntry(5, "x", Map.of(), Map.of()));
        assertThat(row.traceLink("q")).isEmpty();
        assertThat(row.level()).isEqualTo("unknown");
        assertThat(row.contextLink("q")).startsWith("/logs/context?service=a+b&");
    }

    @Test
    void pagingSkipsTheLinesOfTheBoundaryNanosecondAlreadyShown() {
        LogqlResult.Streams streams = new LogqlResult.Streams(List.of(new LogqlResult.LogStream(Map.of("service_name", "s"),
                List.of(entry(9, "a"), entry(9, "b"), entry(9, "c"), entry(8, "d")))), LogqlStats.EMPTY);
        List<LogRow> rows = LogRow.of(streams);
        assertThat(rows).extracting(LogRow::line).containsExactly("a", "b", "c", "d");
        assertThat(LogsPage.dropShown(rows, 9, 2)).extracting(LogRow::line).containsExactly("c", "d");
        TimeRange range = new TimeRange("now-1h", "now", 0, 1, "");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("query", "{a=\"b\"}");
        form.put("q", "");
        assertThat(LogsPage.nextLink(form, range, rows.subList(0, 2), 100, 5))
                .isEqualTo("/logs?query=%7Ba%3D%22b%22%7D&from=now-1h&to=now&before=9&skip=2");
        assertThat(LogsPage.nextLink(form, range, rows.subList(0, 2), 9, 5)).endsWith("&before=9&skip=7");
    }

    private static LogqlResult.LogEntry entry(long time, String line) {
        return new LogqlResult.LogEntry(time, line, Map.of(), Map.of());
    }
}
