package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.ui.LoadControl.LoadFigures;
import io.sightline.ui.LoadControl.LoadLimits;
import io.sightline.ui.LoadControl.LoadPoint;
import io.sightline.ui.LoadControl.LoadRequest;
import io.sightline.ui.LoadControl.LoadRun;
import org.junit.jupiter.api.Test;

/** The status and load templates render every value escaped (a hostile value in each place a value goes). */
class PageTemplatesTest {
    private static final String HOSTILE = "<script>alert(1)</script>\"'&";

    private static Map<String, Object> layout(String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("active", title);
        model.put("nav", Html.NAV);
        model.put("range", TimeRange.lastHour(Instant.EPOCH));
        model.put("rangeQuery", "from=now-1h&to=now");
        model.put("path", "/" + title.toLowerCase());
        model.put("keep", Map.of());
        model.put("quickChoices", TimeRange.QUICK_CHOICES);
        model.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        return model;
    }

    @Test
    void statusEscapesConfigurationAndNamesAndSaysWhenNoExporterIsConfigured() {
        Map<String, Object> model = layout("Status");
        model.put("build", Map.of("version", HOSTILE));
        model.put("runtime", Map.of(HOSTILE, "1 MiB"));
        model.put("partitions", List.of(new StatusPage.PartitionRow("logs", HOSTILE, "1 B", "-")));
        model.put("storageTotals", Map.of("logs", "1 B"));
        model.put("wal", List.of(new StatusPage.WalRow("logs", HOSTILE, "0", "0.0", "ok")));
        model.put("exporters", List.of());
        model.put("configuration", Map.of("alerting.webhook-urls", HOSTILE));
        String html = Pages.render("status", model);
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("none configured");
    }

    @Test
    void loadEscapesTheTargetAndRunsAndPutsChartDataInAttributes() {
        Map<String, Object> model = layout("Load");
        LoadRun run = new LoadRun(HOSTILE, new LoadRequest(5, 5, 40, Duration.ofSeconds(10)), Instant.EPOCH, "running",
                new LoadFigures(1, 5, 10, 10, 0, 0, 1, 2, 3, 4), List.of(new LoadPoint(1, 10, 0, 1, 2, 3)));
        model.put("enabled", true);
        model.put("users", HOSTILE);
        model.put("spawnRate", "5");
        model.put("targetRate", "40");
        model.put("duration", "10s");
        model.put("target", HOSTILE);
        model.put("limits", LoadLimits.DEFAULTS);
        model.put("running", true);
        model.put("noscriptRefresh", "2");
        model.put("runs", List.of(LoadRunView.of(run)));
        model.put("shown", LoadRunView.of(run));
        model.put("chart", LoadRunJson.chart(run));
        String html = Pages.render("load", model);
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>")
                .contains("action=\"/load/runs/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27%26/stop\"")
                .contains("data-chart=\"{&quot;unit&quot;:&quot;&quot;,&quot;x&quot;:[1]");
        assertThat(LoadRunJson.of(run)).startsWith("{\"id\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\\"'\\u0026\"");
    }

    @Test
    void disabledLoadPageSaysHowToEnableIt() {
        Map<String, Object> model = layout("Load");
        model.put("enabled", false);
        model.put("users", "1");
        model.put("spawnRate", "1");
        model.put("targetRate", "1");
        model.put("duration", "1");
        String html = Pages.render("load", model);
        assertThat(html).contains("java -jar sightline.jar demo").doesNotContain("id=\"load-start\"");
    }
}
