package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import io.sightline.appliance.load.HttpLoadRuns;
import io.sightline.ui.LoadControl.LoadLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The load page in Debian's chromium, wired as the demo wires it: {@link HttpLoadRuns} on the
 * sample services. Runs started and stopped from the page's forms, figures updated live by load.js.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBrowserIT {
    @TempDir
    static Path dataDir;

    private static UiFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() {
        fixture = new UiFixture(dataDir, config -> { }, new HttpLoadRuns(LoadLimits.DEFAULTS, InstantSource.system()));
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
    @Order(1)
    void aTenSecondRunUpdatesLiveAndEndsInTheRunsTable() {
        browser.open("/load");
        assertThat(browser.find("#load-target").getText()).isEqualTo(fixture.services.frontendUri().toString());
        submit("5", "5", "40", "10");
        assertThat(browser.driver.getCurrentUrl()).contains("/load?run=run1-");
        assertThat(browser.find("#live-state").getText()).isEqualTo("running");
        browser.driver.executeScript("window.notReloaded = true;");

        // Live: the figures change while the page itself is not reloaded.
        browser.waitUntil(Duration.ofSeconds(15), () -> requests() > 0);
        long first = requests();
        browser.waitUntil(Duration.ofSeconds(15), () -> requests() > first);
        assertThat(browser.driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
        assertThat(browser.find("#live-latency").getText()).matches("[0-9.]+ / [0-9.]+ / [0-9.]+ / [0-9.]+");
        assertThat(browser.find("#rate-chart canvas")).isNotNull();
        browser.screenshot("load-running");

        // The end: load.js reloads the page, the run's summary is in the table.
        browser.waitUntil(Duration.ofSeconds(30), () -> !browser.findAll("#runs tbody tr").isEmpty()
                && cell(0, 2).equals("finished"));
        List<WebElement> rows = browser.findAll("#runs tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(Long.parseLong(cell(0, 9))).as("requests of the run").isGreaterThan(100);
        assertThat(Double.parseDouble(cell(0, 10))).as("requests/s").isBetween(20.0, 60.0);
        assertThat(Double.parseDouble(cell(0, 13))).as("p95 ms").isPositive();
        assertThat(browser.find("#live-state").getText()).isEqualTo("finished");
        assertThat(browser.findAll("#load-stop")).isEmpty();
        browser.assertNoConsoleErrors("/load");
        browser.screenshot("load");
    }

    @Test
    @Order(2)
    void aSecondRunIsStoppedEarly() {
        browser.open("/load");
        submit("3", "3", "20", "2m");
        assertThat(browser.find("#live-state").getText()).isEqualTo("running");
        browser.waitUntil(Duration.ofSeconds(15), () -> requests() > 0);
        clickAndAwaitNextPage("#load-stop button");
        assertThat(browser.find("#live-state").getText()).isEqualTo("stopped");
        browser.waitUntil(Duration.ofSeconds(20), () -> browser.findAll("#runs tbody tr").size() == 2
                && cell(0, 2).equals("stopped"));
        assertThat(cell(1, 2)).isEqualTo("finished");
        assertThat(cell(0, 1)).startsWith("run2-");
        assertThat(Double.parseDouble(cell(0, 8).replace(" s", ""))).as("elapsed s").isLessThan(60);
        assertThat(Long.parseLong(cell(0, 9))).isPositive();
        browser.assertNoConsoleErrors("/load");
    }

    @Test
    @Order(3)
    void badLimitsAreExplainedAndNothingStarts() {
        browser.open("/load");
        // The browser's own checks (min, max, pattern) would stop these before the server sees them.
        browser.driver.executeScript("document.getElementById('load-start').noValidate = true;");
        submit("0", "5", "40", "10");
        assertThat(browser.find(".error").getText()).isEqualTo("Users must be from 1 to 1000, not 0.");
        assertThat(browser.find("#users").getAttribute("value")).as("the form keeps what was typed").isEqualTo("0");
        browser.driver.executeScript("document.getElementById('load-start').noValidate = true;");
        submit("5", "5", "40", "<b>x</b>");
        assertThat(browser.find(".error").getText())
                .isEqualTo("Duration must be whole seconds or 90s, 5m, 1h, from 1s to 1h, not \"<b>x</b>\".");
        assertThat(fixture.loadRuns.current()).isEmpty();
        assertThat(fixture.loadRuns.runs()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    @Order(4)
    void aPostFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fixture.base() + "/load/start")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("users=1&spawn_rate=1&target_rate=1&duration=5")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(fixture.loadRuns.current()).isEmpty();
        assertThat(fixture.get("/load/runs/nope.json").statusCode()).isEqualTo(404);
    }

    private static void submit(String users, String spawnRate, String targetRate, String duration) {
        fill("#users", users);
        fill("#spawn_rate", spawnRate);
        fill("#target_rate", targetRate);
        fill("#duration", duration);
        clickAndAwaitNextPage("#load-start button[type=submit]");
    }

    /** Clicks a submit button and waits until the answer (after the redirect) is another loaded document. */
    private static void clickAndAwaitNextPage(String css) {
        browser.driver.executeScript("window.previousPage = true;");
        browser.find(css).click();
        browser.waitUntil(Duration.ofSeconds(20), () -> Boolean.TRUE.equals(browser.driver.executeScript(
                "return window.previousPage !== true && document.readyState === 'complete'")));
    }

    private static void fill(String css, String value) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(value);
    }

    private static long requests() {
        return Long.parseLong(browser.find("#live-requests").getText());
    }

    /** The text of column {@code column} (1-based) of row {@code row} (0-based) of the runs table. */
    private static String cell(int row, int column) {
        return browser.findAll("#runs tbody tr").get(row).findElements(org.openqa.selenium.By.tagName("td"))
                .get(column - 1).getText();
    }
}
