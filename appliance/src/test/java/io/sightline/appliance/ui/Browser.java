package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through Debian's chromedriver (never a downloaded browser or
 * driver: Selenium Manager is bypassed by naming both). Collects the browser console, so a test can
 * assert a page logged no error, and saves screenshots under {@code target/screenshots/} as build
 * artifacts. One per test class; not thread-safe.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;

    /** @param base the appliance's HTTP endpoint, e.g. {@code http://127.0.0.1:8080} */
    Browser(String base) {
        this(base, true);
    }

    /** @param javascript false: a browser with scripts off, for the pages' reading without them */
    Browser(String base, boolean javascript) {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--metrics-recording-only", "--disable-default-apps");
        if (!javascript) {
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Opens {@code path} (e.g. {@code /logs?q=x}) and waits until the document is loaded. */
    void open(String path) {
        driver.get(base + path);
        waitUntil(Duration.ofSeconds(15), () -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The console entries at SEVERE (errors, failed requests) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Fails when the page logged an error to the console since the last check. */
    void assertNoConsoleErrors(String page) {
        assertThat(consoleErrors()).as("console errors on %s", page).isEmpty();
    }

    /** Fails when the page fetched anything (scripts, styles, images, XHR) from another origin. */
    void assertOnlyOwnRequests(String page) {
        @SuppressWarnings("unchecked")
        List<String> foreign = (List<String>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => !n.startsWith(location.origin) && !n.startsWith('data:'));");
        assertThat(foreign).as("requests outside Sightline from %s", page).isEmpty();
    }

    /**
     * Checks what can be checked mechanically of the page's accessibility: a {@code lang}, one
     * {@code h1}, every visible form control named (a label, aria-label or aria-labelledby), every
     * image with alt text, every button and link with a name, and focusable controls.
     */
    void assertAccessible(String page) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) driver.executeScript("""
                const problems = [];
                if (!document.documentElement.lang) problems.push('html has no lang');
                if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
                const visible = el => el.offsetParent !== null || el.getClientRects().length > 0;
                const named = el => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')
                    || (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label')
                    || (el.getAttribute('title') || '').trim();
                document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(el => {
                  if (visible(el) && !named(el)) problems.push('unnamed ' + el.tagName.toLowerCase() + ' ' + (el.name || el.id || ''));
                });
                document.querySelectorAll('img').forEach(el => { if (!el.hasAttribute('alt')) problems.push('img without alt ' + el.src); });
                document.querySelectorAll('button, a[href]').forEach(el => {
                  if (visible(el) && !(el.textContent.trim() || el.getAttribute('aria-label') || el.getAttribute('title')))
                    problems.push('unnamed ' + el.tagName.toLowerCase() + ' ' + (el.getAttribute('href') || ''));
                  if (el.tabIndex < 0) problems.push('not focusable ' + el.outerHTML.slice(0, 60));
                });
                return problems;""");
        assertThat(problems).as("accessibility problems on %s", page).isEmpty();
    }

    /** Saves a PNG of the viewport as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code condition} until it holds. A page that reloads or re-renders itself (live figures,
     * load.js at a run's end) can turn an element stale between finding and reading it: that poll
     * counts as not yet, and the next one finds the element again.
     */
    void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
