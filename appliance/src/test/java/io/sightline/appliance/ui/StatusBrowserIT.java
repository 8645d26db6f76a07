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

/** The status page in Debian's chromium: a Sightline with a secret in its webhook URL, fed by the sample services. */
class StatusBrowserIT {
    private static final String SECRET = "T0KENabc123";
    private static final String WEBHOOK = "ops=http://hookuser:pw" + SECRET + "@127.0.0.1:9/services/T000/" + SECRET
            + "?token=" + SECRET;

    @TempDir
    static Path dataDir;

    private static UiFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = new UiFixture(dataDir, config -> config.set("alerting.webhook-urls", WEBHOOK), null);
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
    void showsRedactedConfigurationStorageOfEverySignalWalConsumersAndRuntime() throws Exception {
        // Logs and traces reach their stores through the WALs: wait until each has a day partition.
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/status");
            return !dayPartitions("logs").isEmpty() && !dayPartitions("traces").isEmpty();
        });
        assertThat(cells("#storage tr[data-signal='metrics'] td:nth-child(2)")).contains("head (in memory)", "WAL");
        assertThat(cells("#storage tr[data-signal='logs'] td:nth-child(2)")).contains("WAL");
        assertThat(cells("#storage-totals dt")).containsExactly("metrics", "logs", "traces");
        assertThat(cells("#storage-totals dd")).allSatisfy(size -> assertThat(size).matches("[0-9.]+ (B|KiB|MiB|GiB)"));
        assertThat(cells("#storage tr[data-signal='logs'] td:nth-child(3)").getFirst()).doesNotStartWith("0 B");

        assertThat(cells("#wal tbody td:first-child")).contains("logs", "metrics", "traces");
        assertThat(cells("#wal tbody td:nth-child(3)")).allSatisfy(lag -> assertThat(lag).matches("[0-9]+"));

        List<String> runtime = cells("#runtime dt");
        assertThat(runtime).contains("heap used", "threads", "uptime", "process CPU");
        assertThat(runtime).anySatisfy(name -> assertThat(name).startsWith("GC "));
        assertThat(cells("#build dt")).contains("version", "java", "started");
        assertThat(browser.find("#exporters").getText()).isEqualTo("none configured");

        String webhook = configuration("alerting.webhook-urls");
        assertThat(webhook).isEqualTo("ops=http://<redacted>@127.0.0.1:9/<redacted>?<redacted>");
        assertThat(configuration("logs.retention-age")).isNotEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(SECRET);
        assertThat(fixture.get("/status").body()).doesNotContain(SECRET).contains("&lt;redacted&gt;");

        browser.assertNoConsoleErrors("/status");
        browser.screenshot("status");
    }

    @Test
    void answersWithinTheBudget() throws Exception {
        fixture.get("/status");
        long start = System.nanoTime();
        var response = fixture.get("/status");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().length()).isLessThan(300_000);
        assertThat(millis).as("server time of /status").isLessThan(1000);
    }

    private static List<String> dayPartitions(String signal) {
        return cells("#storage tr[data-signal='" + signal + "'] td:nth-child(2)").stream()
                .filter(name -> name.matches("\\d{4}-\\d{2}-\\d{2}")).toList();
    }

    private static String configuration(String key) {
        for (WebElement row : browser.findAll("#configuration tbody tr")) {
            List<WebElement> cells = row.findElements(org.openqa.selenium.By.tagName("td"));
            if (cells.get(0).getText().equals(key)) {
                return cells.get(1).getText();
            }
        }
        throw new AssertionError("no configuration row " + key);
    }

    private static List<String> cells(String css) {
        return browser.findAll(css).stream().map(WebElement::getText).toList();
    }
}
