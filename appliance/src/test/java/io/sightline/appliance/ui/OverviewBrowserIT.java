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

/**
 * The overview, service and map pages in Debian's chromium over the sample services' span metrics
 * and service graph (frontend → orders → inventory) and the hostile service's span.
 */
class OverviewBrowserIT {
    private static final List<String> SERVICES = List.of("frontend", "orders", "inventory");
    private static final String RANGE = "from=now-15m&to=now";

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
    void theRootRedirectsToTheOverview() throws Exception {
        var response = fixture.get("/");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/overview");
    }

    @Test
    void theOverviewListsEveryServiceWithItsFiguresAndLinksToItsPage() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/overview?" + RANGE);
            return serviceNames().containsAll(SERVICES) && ratesOf("inventory").stream().noneMatch(String::isEmpty);
        });
        for (String service : SERVICES) {
            WebElement row = browser.find("tr[data-service='" + service + "']");
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector("td.rate")).getText()).matches("[0-9.]+/s");
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector("td.errors")).getText()).matches("[0-9.]+%|–");
        }
        assertThat(browser.findAll("td.spark canvas")).as("sparklines drawn").isNotEmpty();
        assertThat(browser.findAll("h2").stream().map(WebElement::getText).toList().getFirst()).startsWith("Alerts");
        assertThat(browser.findAll("table.ingest tbody tr")).hasSize(3);
        assertThat(serviceNames()).as("the hostile name shows as text").contains(UiFixture.HOSTILE_SERVICE);
        assertThat(browser.findAll("main img")).as("no element injected by a service name").isEmpty();
        browser.assertNoConsoleErrors("/overview");
        browser.screenshot("overview");

        browser.find("a.service[href^='/services/frontend']").click();
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.driver.getCurrentUrl().contains("/services/frontend"));
        assertThat(browser.driver.getCurrentUrl()).contains("from=now-15m");
        assertThat(browser.find("h1 .service-name").getText()).isEqualTo("frontend");
    }

    @Test
    void theServicePageShowsChartsOperationsCalleesAndSlowestTraces() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/services/frontend?" + RANGE);
            return !browser.findAll("table.downstream a[href^='/services/orders']").isEmpty()
                    && !browser.findAll("table.slowest-traces a[href^='/traces/']").isEmpty();
        });
        assertThat(browser.findAll(".chart canvas")).as("RED charts drawn").hasSize(3);
        assertThat(browser.findAll("table.operations tbody tr td.mono")).isNotEmpty();
        assertThat(browser.find("table.slowest-traces a[href^='/traces/']").getAttribute("href")).contains("from=now-15m");
        browser.assertNoConsoleErrors("/services/frontend");
        browser.screenshot("service");

        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/services/inventory?" + RANGE);
            return !browser.findAll("table.upstream a[href^='/services/orders']").isEmpty()
                    && !browser.findAll("table.recent-errors a[href*='trace_id=']").isEmpty();
        });
        assertThat(browser.find("table.recent-errors a[href*='trace_id=']").getAttribute("href"))
                .contains("service=inventory").contains("from=now-15m");
        browser.assertNoConsoleErrors("/services/inventory");
    }

    @Test
    void theHostileServiceHasAPageThatShowsItsNameAsText() {
        browser.open("/overview?" + RANGE);
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/overview?" + RANGE);
            return serviceNames().contains(UiFixture.HOSTILE_SERVICE);
        });
        browser.findAll("a.service").stream().filter(a -> a.getText().equals(UiFixture.HOSTILE_SERVICE)).findFirst()
                .orElseThrow().click();
        browser.waitUntil(Duration.ofSeconds(15), () -> !browser.findAll("h1 .service-name").isEmpty()
                && browser.find("h1 .service-name").getText().equals(UiFixture.HOSTILE_SERVICE));
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertNoConsoleErrors("/services/<hostile>");
    }

    @Test
    void theMapDrawsTheCallChainLeftToRightAndLinksEachNode() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/map?" + RANGE);
            return browser.findAll("table.edges tbody tr td a").size() >= 4
                    && browser.findAll("svg.map g.node").size() >= 3;
        });
        assertThat(nodeX("frontend")).isLessThan(nodeX("orders"));
        assertThat(nodeX("orders")).isLessThan(nodeX("inventory"));
        assertThat(browser.findAll("svg.map g.edge text")).allSatisfy(label -> assertThat(label.getText()).contains("/s"));
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertNoConsoleErrors("/map");
        browser.screenshot("map");

        String href = nodeLink("orders").getDomAttribute("href");
        assertThat(href).contains("/services/orders").contains("from=now-15m");
        browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", nodeLink("orders"));
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.driver.getCurrentUrl().contains("/services/orders"));
        assertThat(browser.find("h1 .service-name").getText()).isEqualTo("orders");
    }

    private static List<String> serviceNames() {
        return browser.findAll("a.service").stream().map(WebElement::getText).toList();
    }

    private static List<String> ratesOf(String service) {
        return browser.findAll("tr[data-service='" + service + "'] td.rate").stream().map(WebElement::getText).toList();
    }

    private static WebElement nodeLink(String service) {
        return browser.findAll("svg.map g.node a").stream()
                .filter(a -> a.findElement(org.openqa.selenium.By.cssSelector("text.node-name")).getText().equals(service))
                .findFirst().orElseThrow();
    }

    private static int nodeX(String service) {
        return Integer.parseInt(nodeLink(service).findElement(org.openqa.selenium.By.cssSelector("rect")).getAttribute("x"));
    }
}
