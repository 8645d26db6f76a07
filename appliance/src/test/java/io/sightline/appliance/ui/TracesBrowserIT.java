package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** The trace pages in Debian's chromium, over the sample services' traces (frontend → orders → inventory) and a hostile span. */
class TracesBrowserIT {
    @TempDir
    static Path dataDir;

    private static UiFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = new UiFixture(dataDir);
        fixture.generateTraffic(24);
        browser = new Browser(fixture.base());
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
    void searchOpenFoldDetailLogsAndCompare() {
        // Search by service until the three-service traces are searchable.
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/traces?service=frontend&from=now-15m&to=now");
            return browser.findAll("table.trace-list tbody tr").stream()
                    .filter(row -> row.getText().contains("orders") && row.getText().contains("inventory")).count() >= 2;
        });
        assertThat(browser.findAll("#trace-scatter canvas")).isNotEmpty();
        assertThat(browser.find("#service").getAttribute("value")).isEqualTo("frontend");
        browser.assertNoConsoleErrors("/traces");
        browser.screenshot("traces");

        List<String> links = browser.findAll("table.trace-list tbody tr").stream()
                .filter(row -> row.getText().contains("orders") && row.getText().contains("inventory"))
                .map(row -> row.findElement(org.openqa.selenium.By.cssSelector("td a")).getAttribute("href")).toList();
        assertThat(links).allSatisfy(link -> assertThat(link).contains("from=now-15m"));
        browser.driver.get(links.getFirst());
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.findAll(".waterfall .wf-row").isEmpty());

        // The waterfall: spans of the three services, the critical path marked.
        List<String> services = browser.findAll(".wf-row .wf-service").stream().map(WebElement::getText).distinct().toList();
        assertThat(services).contains("frontend", "orders", "inventory");
        assertThat(browser.findAll(".wf-row.critical .wf-crit")).isNotEmpty();
        assertThat(browser.find(".wf-row").getAttribute("data-depth")).isEqualTo("0");

        // Fold the root's subtree and unfold it.
        WebElement toggle = browser.find(".wf-row[data-depth='0'] .wf-toggle");
        int rows = browser.findAll(".wf-row").size();
        toggle.click();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.findAll(".wf-row").stream().filter(WebElement::isDisplayed).count()).isEqualTo(1);
        toggle.click();
        assertThat(browser.findAll(".wf-row").stream().filter(WebElement::isDisplayed).count()).isEqualTo(rows);

        // A span's details open on its row.
        WebElement deepest = browser.findAll(".wf-row").stream()
                .filter(row -> row.findElement(org.openqa.selenium.By.cssSelector(".wf-service")).getText().equals("inventory"))
                .findFirst().orElseThrow();
        deepest.findElement(org.openqa.selenium.By.cssSelector("summary")).click();
        WebElement detail = deepest.findElement(org.openqa.selenium.By.cssSelector(".wf-detail"));
        assertThat(detail.isDisplayed()).isTrue();
        assertThat(detail.getText()).contains("Kind", "Status", "Attributes", "Resource", "service.name", "inventory");

        // The trace's logs in place, linked to the log search with the range.
        assertThat(browser.findAll("table.trace-logs tbody tr")).isNotEmpty();
        assertThat(browser.find("a[href^='/logs?trace_id=']").getAttribute("href")).contains("from=now-15m");
        browser.assertNoConsoleErrors("/traces/{id}");
        browser.screenshot("trace");

        // Compare with another trace through the form on the trace view.
        String other = links.get(1).replaceAll(".*/traces/([0-9a-f]{32}).*", "$1");
        browser.find("#compare-b").sendKeys(other);
        browser.find("form[action='/traces/compare'] button").click();
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.findAll("table.compare tbody tr").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).contains("b=" + other);
        assertThat(browser.findAll("table.compare tbody tr td.wf-label").stream().map(WebElement::getText).toList())
                .anySatisfy(label -> assertThat(label).contains("inventory"));
        assertThat(browser.findAll("table.compare-operations tbody tr")).isNotEmpty();
        browser.assertNoConsoleErrors("/traces/compare");
        browser.screenshot("compare");
    }

    @Test
    void theHostileTraceShowsItsNamesAsText() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            try {
                return fixture.get("/traces/" + UiFixture.HOSTILE_TRACE_ID).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.consoleErrors();
        browser.open("/traces/" + UiFixture.HOSTILE_TRACE_ID);
        assertThat(browser.find(".wf-row .wf-service").getText()).isEqualTo(UiFixture.HOSTILE_SERVICE);
        assertThat(browser.find(".wf-row .wf-name").getText()).isEqualTo("GET <b>/x</b>");
        assertThat(browser.find(".wf-row.error .wf-error")).isNotNull();
        assertThat(browser.findAll(".wf-name b")).isEmpty();
        assertThat(browser.findAll("img[src='x']")).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("<svg onload");
        browser.assertNoConsoleErrors("/traces/" + UiFixture.HOSTILE_TRACE_ID);
    }

    @Test
    void anUnknownTraceIsA404WithAMessage() throws Exception {
        var response = fixture.get("/traces/0123456789abcdef0123456789abcdef");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Trace not found", "No trace 0123456789abcdef0123456789abcdef is stored");
        assertThat(fixture.get("/traces/not-hex").statusCode()).isEqualTo(400);
    }
}
