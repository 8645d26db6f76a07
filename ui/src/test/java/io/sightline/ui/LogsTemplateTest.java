package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;

/** The logs templates render a hostile line as text, with its labels, links and the volume chart. */
class LogsTemplateTest {
    private static final String HOSTILE = "<script>alert(1)</script>";

    private static Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Logs");
        model.put("active", "Logs");
        model.put("nav", Html.NAV);
        model.put("range", TimeRange.lastHour(Instant.ofEpochSecond(7200)));
        model.put("rangeQuery", "from=now-1h&to=now");
        model.put("path", "/logs");
        model.put("keep", Map.of("query", HOSTILE));
        model.put("quickChoices", TimeRange.QUICK_CHOICES);
        model.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        model.put("severities", LogsQuery.SEVERITIES);
        model.put("form", Map.of("query", HOSTILE, "q", "", "service", "", "min_severity", "", "trace_id", ""));
        model.put("logql", "{a=\"" + HOSTILE + "\"}");
        model.put("startNanos", 1L);
        model.put("zoomBase", "/logs?query=x&");
        model.put("rows", List.of(LogRow.of(Map.of("service_name", HOSTILE, "level", "error"),
                new LogqlResult.LogEntry(3_600_000_000_000L, HOSTILE, Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "note", HOSTILE),
                        Map.of()))));
        model.put("volume", LogVolume.of(new LogqlResult.Matrix(List.of(new LogqlResult.SampleSeries(Map.of("level", "error"),
                new long[] {3_600_000_000_000L}, new double[] {1})), LogqlStats.EMPTY), 3_600_000_000_000L, 3_600_000_000_000L, 60));
        return model;
    }

    @Test
    void theLogsPageEscapesEverythingAndLinksTheTrace() {
        String html = Pages.render("logs", model());
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("href=\"/traces/4bf92f3577b34da6a3ce929d0e0e4736?from=now-1h&amp;to=now\"")
                .contains("/logs/context?service=%3Cscript%3E").contains("data-chart=\"{&quot;x&quot;")
                .contains("class=\"sev sev-error\"").contains("id=\"volume-chart\"")
                .contains("href=\"/logs?query=x&amp;from=3540000&amp;to=3600000\"");
    }

    @Test
    void theContextPageMarksTheAnchor() {
        Map<String, Object> model = model();
        LogContext context = new LogContext(HOSTILE, 3_600_000_000_000L, 5, Duration.ofHours(1));
        model.put("context", context);
        model.put("service", HOSTILE);
        String html = Pages.render("logs-context", model);
        assertThat(html).doesNotContain(HOSTILE).contains("class=\"log anchor\"");
    }
}
