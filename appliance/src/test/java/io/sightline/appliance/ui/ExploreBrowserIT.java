package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The metrics explorer in Debian's chromium, over the span metrics of the sample services' traffic. */
class ExploreBrowserIT {
    static final String QUERY = "sum by (service_name) (rate(traces_span_metrics_calls_total[1m]))";

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
    void aTypedQueryShowsAChartAndATableWithExemplarsLinkingToTraces() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/explore?from=now-15m&to=now");
            WebElement input = browser.find("#query");
            input.sendKeys(QUERY);
            input.sendKeys(Keys.ESCAPE);
            input.sendKeys(Keys.ENTER); // no suggestion chosen: Enter submits the form
            browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver.getCurrentUrl().contains("query=")
                    && "complete".equals(browser.driver.executeScript("return document.readyState")));
            return browser.findAll("table.explore-table tbody tr").stream().anyMatch(row -> row.getText().contains("frontend"));
        });
        assertThat(browser.find("#query").getAttribute("value")).isEqualTo(QUERY);
        assertThat(browser.driver.getCurrentUrl()).contains("query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8));
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.findAll("#explore-chart canvas").isEmpty());
        assertThat(browser.findAll("#explore-chart .u-legend .u-series")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findAll("table.explore-table tbody tr")).extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("service_name=\"orders\""));
        assertThat(browser.findAll("details.exemplars a")).isNotEmpty().allSatisfy(link ->
                assertThat(link.getAttribute("href")).matches(".*/traces/[0-9a-f]{32}"));
        browser.assertNoConsoleErrors("/explore");
        browser.screenshot("explore");
    }

    @Test
    void aStackedChartOfEverySeriesStaysSmall() throws Exception {
        String path = "/explore?stacked=true&all=true&from=now-1h&query="
                + URLEncoder.encode("rate(traces_span_metrics_calls_total[1m])", StandardCharsets.UTF_8);
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open(path);
            return !browser.findAll("#explore-chart canvas").isEmpty();
        });
        assertThat(browser.findAll("table.explore-table tbody > tr")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findAll("table.explore-table details")).isNotEmpty();
        var page = fixture.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().getBytes(StandardCharsets.UTF_8).length).as("page bytes").isLessThan(300_000);
        browser.assertNoConsoleErrors("/explore stacked");
    }

    @Test
    void autocompletionOffersAMetricNameAfterAPrefix() {
        // Until the first span metrics are flushed there is no name to offer: reload (the page caches answers).
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/explore");
            browser.find("#query").sendKeys("traces_span_metrics_ca");
            try {
                browser.waitUntil(Duration.ofSeconds(3), () -> browser.findAll("#query-suggestions [role=option]").stream()
                        .anyMatch(option -> option.getText().equals("traces_span_metrics_calls_total")));
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        });
        WebElement input = browser.find("#query");
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
        input.sendKeys(Keys.ARROW_DOWN);
        assertThat(input.getAttribute("aria-activedescendant")).isEqualTo("query-suggestion-0");
        input.sendKeys(Keys.ENTER);
        assertThat(input.getAttribute("value")).isEqualTo("traces_span_metrics_calls_total");
        assertThat(browser.find("#query-suggestions").isDisplayed()).isFalse();

        input.sendKeys("{service_name=\"fro");
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.findAll("#query-suggestions [role=option]").stream()
                .anyMatch(option -> option.getText().equals("frontend")));
        input.sendKeys(Keys.ARROW_DOWN, Keys.TAB);
        assertThat(input.getAttribute("value")).isEqualTo("traces_span_metrics_calls_total{service_name=\"frontend\"");
        browser.assertNoConsoleErrors("/explore autocompletion");
    }

    @Test
    void aBadQueryIsAnsweredInPrometheusWordsAndHostileLabelsStayText() {
        browser.open("/explore?query=" + URLEncoder.encode("sum(rate(", StandardCharsets.UTF_8));
        assertThat(browser.find("main .error").getText()).startsWith("bad_data: invalid parameter \"query\": 1:")
                .contains("parse error");
        // The page answers a bad query with 400, which the browser logs; nothing else may be logged.
        assertThat(browser.consoleErrors()).allSatisfy(error -> assertThat(error).contains("/explore?query=sum%28rate%28",
                "status of 400"));
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/explore?view=table&query=" + URLEncoder.encode("sum by (service_name) (traces_span_metrics_calls_total)",
                    StandardCharsets.UTF_8));
            return browser.findAll("table.explore-table tbody tr").stream()
                    .anyMatch(row -> row.getText().contains(UiFixture.HOSTILE_SERVICE));
        });
        assertThat(browser.findAll("#explore-chart")).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("<img src=x");
        browser.assertNoConsoleErrors("/explore table");
    }
}
