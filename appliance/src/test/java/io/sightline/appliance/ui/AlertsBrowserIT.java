package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The alerts page in Debian's chromium: a rule over the sample services' span metrics fires within
 * seconds (1 s evaluation interval), its query opens the explorer, a silence is created through the
 * form, listed, and expired; deliveries to a local webhook receiver are logged.
 */
class AlertsBrowserIT {
    static final String EXPR = "sum(traces_span_metrics_calls_total) > 0";
    static final String RULES = """
            groups:
              - name: ui-test
                rules:
                  - alert: UiCallsSeen
                    expr: sum(traces_span_metrics_calls_total) > 0
                    labels:
                      severity: page
                    annotations:
                      summary: "<b>calls</b> seen: {{ $value }}"
                  - record: ui:calls:sum
                    expr: sum(traces_span_metrics_calls_total)
            """;

    @TempDir
    static Path dir;

    private static HttpServer sink;
    private static UiFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
        fixture = new UiFixture(Files.createDirectory(dir.resolve("data")), Map.of("rules.files", rules.toString(),
                "rules.evaluation-interval", "1s", "rules.builtin-red", "false", "alerting.group-wait", "200ms",
                "alerting.webhook-urls", "ops=http://127.0.0.1:" + sink.getAddress().getPort() + "/ops"));
        fixture.generateTraffic(12);
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
        if (sink != null) {
            sink.stop(0);
        }
    }

    @Test
    void aFiringAlertOpensItsQueryAndIsSilencedThroughTheForm() {
        browser.waitUntil(Duration.ofSeconds(30), () -> {
            browser.open("/alerts");
            return browser.findAll("tr.alert-firing").stream().anyMatch(row -> row.getText().contains("UiCallsSeen"));
        });
        WebElement alert = browser.find("tr.alert-firing");
        assertThat(alert.getText()).contains("severity", "page", "<b>calls</b> seen:");
        assertThat(browser.findAll("h3")).extracting(WebElement::getText).contains("ui-test");
        assertThat(browser.driver.getPageSource()).doesNotContain("<b>calls</b>");

        // The query link opens the explorer an hour before the alert fired up to then, with data.
        WebElement link = alert.findElement(org.openqa.selenium.By.cssSelector("a.explore-link"));
        assertThat(link.getText()).isEqualTo(EXPR);
        link.click();
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver.getCurrentUrl().contains("/explore?"));
        URI explore = URI.create(browser.driver.getCurrentUrl());
        Map<String, String> query = parameters(explore.getRawQuery());
        assertThat(query.get("query")).isEqualTo(EXPR);
        assertThat(Long.parseLong(query.get("to")) - Long.parseLong(query.get("from"))).isEqualTo(3_600_000);
        assertThat(browser.find("#query").getAttribute("value")).isEqualTo(EXPR);
        assertThat(browser.findAll("table.explore-table tbody tr")).isNotEmpty();

        // A silence: first without an author (the page names the problem and keeps what was typed), then complete.
        browser.open("/alerts#new-silence");
        browser.find("#matchers").sendKeys("alertname=\"UiCallsSeen\"");
        browser.find("#comment").sendKeys("testing the form");
        // The browser itself refuses a blank required field; the server must refuse it too.
        browser.driver.executeScript("document.querySelector('form.silence-form').noValidate = true");
        browser.find("form.silence-form button[type=submit]").click();
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.findAll("#silences .error li").isEmpty());
        assertThat(browser.find("#silences .error").getText()).contains("Author:");
        // The form with problems is answered with 400, which the browser logs; nothing else may be logged.
        assertThat(browser.consoleErrors()).allSatisfy(error -> assertThat(error).contains("/alerts/silences", "status of 400"));
        assertThat(browser.find("#matchers").getAttribute("value")).isEqualTo("alertname=\"UiCallsSeen\"");
        browser.find("#created_by").sendKeys("ui-test");
        browser.find("#duration").clear();
        browser.find("#duration").sendKeys("1h");
        browser.find("form.silence-form button[type=submit]").click();
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver.getCurrentUrl().contains("done=created"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Silence created.");
        List<WebElement> silences = browser.findAll("table.silences tbody tr");
        assertThat(silences).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("active", "alertname=\"UiCallsSeen\"", "ui-test", "testing the form"));
        assertThat(browser.find("tr.alert-firing .muted-by").getText()).isEqualTo("silenced");
        browser.waitUntil(Duration.ofSeconds(20), () -> {
            browser.open("/alerts");
            return browser.findAll(".panel h3").stream().anyMatch(h -> h.getText().equals("ops"))
                    && !browser.findAll(".panel td.ok").isEmpty();
        });
        browser.assertNoConsoleErrors("/alerts");
        browser.screenshot("alerts");

        browser.find("table.silences form button").click();
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver.getCurrentUrl().contains("done=expired"));
        assertThat(browser.find("table.silences tbody tr").getText()).contains("expired");
        assertThat(browser.findAll("table.silences form")).isEmpty();
        browser.assertNoConsoleErrors("/alerts after expiring");
    }

    @Test
    void aPostFromAnotherSiteIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(fixture.base() + "/alerts/silences"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "matchers=alertname%3D%22X%22&created_by=x&comment=y&duration=1h")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
