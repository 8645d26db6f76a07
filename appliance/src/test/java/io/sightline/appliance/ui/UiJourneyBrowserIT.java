package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What issue 8 promises across pages, in Debian's chromium over the sample services' data: every page
 * of the navigation loads with no console error, no request outside Sightline and the mechanical
 * accessibility checks passing; and an engineer's path from "something is wrong" to "this log line"
 * is all clicks: overview → service → its slowest trace → the trace's logs → a log's trace link back
 * to the same trace, and the explorer's exemplar → its trace. The time range travels along.
 */
class UiJourneyBrowserIT {
    private static final List<String> PAGES = List.of("/overview", "/services/frontend", "/map",
            "/explore?query=" + URLEncoder.encode("sum by (service_name) (rate(traces_span_metrics_calls_total[1m]))",
                    StandardCharsets.UTF_8),
            "/logs", "/traces?service=frontend", "/alerts", "/load", "/status");

    @TempDir
    static Path dataDir;

    private static UiFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = new UiFixture(dataDir);
        fixture.generateTraffic(40);
        browser = new Browser(fixture.base());
        // Span metrics are flushed every second: wait until the overview lists the services.
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/overview?from=now-15m&to=now");
            return browser.driver.getPageSource().contains("/services/inventory");
        });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyPageLoadsCleanlyAndAccessiblyWithNothingFromElsewhere() {
        browser.consoleErrors();
        for (String page : PAGES) {
            browser.open(page + (page.contains("?") ? "&" : "?") + "from=now-15m&to=now");
            assertThat(browser.findAll("h1")).as("the heading of %s", page).hasSize(1);
            browser.assertNoConsoleErrors(page);
            browser.assertOnlyOwnRequests(page);
            browser.assertAccessible(page);
        }
    }

    @Test
    void pagesAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String page : PAGES) {
            HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(fixture.base() + page))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.headers().firstValue("content-encoding")).as(page).hasValue("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(page).contains("<h1");
            }
            assertThat(fixture.get(page).headers().firstValue("content-encoding")).as(page).isEmpty();
        }
    }

    @Test
    void fromTheOverviewToALogLineAndBackToItsTraceByClicksAlone() {
        browser.open("/overview?from=now-15m&to=now");
        click("a[href^='/services/frontend']");
        assertThat(path()).isEqualTo("/services/frontend");
        assertThat(browser.driver.getCurrentUrl()).contains("from=now-15m");

        browser.waitUntil(Duration.ofSeconds(30), () -> {
            if (browser.findAll("table.slowest-traces a[href^='/traces/']").isEmpty()) {
                browser.driver.navigate().refresh();
                return false;
            }
            return true;
        });
        click("table.slowest-traces a[href^='/traces/']");
        String traceId = path().substring("/traces/".length());
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(browser.findAll(".wf-row")).as("the waterfall's rows").hasSizeGreaterThanOrEqualTo(2);

        click("a[href^='/logs?trace_id=" + traceId + "']");
        assertThat(path()).isEqualTo("/logs");
        List<WebElement> traceLinks = browser.findAll("ol.logs a[href^='/traces/" + traceId + "']");
        assertThat(traceLinks).as("log lines of trace %s linking back to it", traceId).isNotEmpty();
        WebElement line = traceLinks.getFirst().findElement(By.xpath("ancestor::li[1]"));
        line.findElement(By.cssSelector("summary")).click(); // expand the line, as a reader does
        traceLinks.getFirst().click();
        browser.waitUntil(Duration.ofSeconds(10), () -> path().equals("/traces/" + traceId));
        browser.assertNoConsoleErrors("the journey");
    }

    @Test
    void anExemplarOnTheExplorerOpensItsTrace() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open(PAGES.get(3) + "&from=now-15m&to=now");
            return !browser.findAll("details.exemplars a[href^='/traces/']").isEmpty();
        });
        WebElement exemplar = browser.find("details.exemplars a[href^='/traces/']");
        browser.driver.executeScript("arguments[0].closest('details').open = true;", exemplar);
        exemplar.click();
        browser.waitUntil(Duration.ofSeconds(10), () -> path().startsWith("/traces/"));
        assertThat(browser.findAll(".wf-row")).isNotEmpty();
        browser.assertNoConsoleErrors("exemplar → trace");
    }

    @Test
    void withScriptsOffEveryPageStillReads() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/traces?service=frontend&from=now-15m&to=now");
            return !browser.findAll("a[href^='/traces/'][href*='from=']").isEmpty();
        });
        String traceId = browser.find("a[href^='/traces/'][href*='from=']").getAttribute("href").replaceAll(".*/traces/([0-9a-f]{32}).*", "$1");
        try (Browser plain = new Browser(fixture.base(), false)) {
            Map<String, String> contentByPage = Map.of(
                    "/overview", "a[href^='/services/frontend']",
                    "/services/frontend", "table.slowest-traces a[href^='/traces/']",
                    "/map", "a[href^='/services/orders']",
                    PAGES.get(3), "table.explore-table tbody tr",
                    "/logs", "ol.logs li.log",
                    "/traces?service=frontend", "a[href^='/traces/" + "']",
                    "/traces/" + traceId, ".wf-row",
                    "/status", "table");
            contentByPage.forEach((page, content) -> {
                plain.open(page + (page.contains("?") ? "&" : "?") + "from=now-15m&to=now");
                assertThat(plain.driver.executeScript("return typeof window.Sightline")).as("scripts off").isEqualTo("undefined");
                assertThat(plain.findAll(content)).as("%s without scripts: %s", page, content).isNotEmpty();
            });
        }
    }

    private static void click(String css) {
        String before = browser.driver.getCurrentUrl();
        browser.find(css).click();
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.driver.getCurrentUrl().equals(before)
                && "complete".equals(browser.driver.executeScript("return document.readyState")));
    }

    private static String path() {
        return URI.create(browser.driver.getCurrentUrl()).getPath();
    }
}
