package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs page in Debian's chromium, over the sample services' logs and hostile records. */
class LogsBrowserIT {
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
    void aHostileLogBodyShowsAsTextAndRunsNothing() {
        browser.waitUntil(Duration.ofSeconds(20), () -> {
            browser.open("/logs?q=order+failed");
            return browser.findAll("td.body span").stream().anyMatch(body -> body.getText().equals(UiFixture.HOSTILE_BODY));
        });
        assertThat(browser.findAll("script")).allSatisfy(script ->
                assertThat(script.getAttribute("innerHTML")).doesNotContain("alert(1)"));
        assertThat(browser.driver.getPageSource()).doesNotContain("<svg onload");
        browser.assertNoConsoleErrors("/logs");
        browser.assertOnlyOwnRequests("/logs");
        browser.assertAccessible("/logs");
        browser.screenshot("logs");
    }
}
