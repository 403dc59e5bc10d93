package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's headless Chromium driven by its chromedriver, for the console's browser tests: one per test class,
 * with a throw-away profile, plus the steps every such test takes (sign in, wait, read the flash message).
 *
 * <p>A browser test registers it as a JUnit extension, which starts the browser before the class, saves a
 * screenshot of the last page after each test ({@code target/browser-screenshots/<test>.png}) and quits after
 * the class; {@link #baseUrl()} is the test admin's address (from the shared Spring context):
 * <pre>{@code
 * @AdminIntegrationTest
 * class MyBrowserIntegrationTests {
 *     @RegisterExtension
 *     static final ConsoleBrowser console = ConsoleBrowser.perClass();
 *
 *     @Test
 *     void something() {
 *         console.signIn("/routes");
 *         console.driver().findElement(By.id("new-route")).click();
 *     }
 * }
 * }</pre>
 * For calls through a real node use {@code testsupport.TestGateway} and {@code testsupport.TestUpstream}.
 *
 * <p>Without Chromium or chromedriver each browser test is skipped, with a warning in the build's output saying
 * what to install; with {@code CI=true} or {@code GATEHOUSE_REQUIRE_BROWSER=true} (.ci/run, which installs them)
 * they fail instead, so CI never passes without running them.
 */
final class ConsoleBrowser implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    /** Debian's paths; system properties {@code gatehouse.test.chromium} and {@code ...chromedriver} name others. */
    private static final Path CHROMIUM = Path.of(System.getProperty("gatehouse.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("gatehouse.test.chromedriver",
            "/usr/bin/chromedriver"));
    /** Set to {@code true} (CI sets {@code CI=true}, .ci/run sets this) to fail, not skip, without a browser. */
    static final String REQUIRED_VARIABLE = "GATEHOUSE_REQUIRE_BROWSER";
    private static final String MISSING = "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
            + " is missing (Debian: apt-get install chromium chromium-driver). With CI=true or "
            + REQUIRED_VARIABLE + "=true they fail instead.";
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();
    /** How long a page may take to show what a step waits for. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private ChromeDriver driver;
    private Path profile;
    private String baseUrl;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser started before the test class and quit after it (register with {@code @RegisterExtension}). */
    static ConsoleBrowser perClass() {
        return new ConsoleBrowser(null, null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!browserPresent() && !browserRequired()) {
            // Each test is then reported skipped (beforeEach), with the reason.
            reportMissing();
            return;
        }
        ConsoleBrowser started = start();
        driver = started.driver;
        profile = started.profile;
        String port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port");
        baseUrl = "http://127.0.0.1:" + port;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(driver != null, MISSING);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // For humans reading a failure: the last page each browser test saw.
        if (driver != null) {
            screenshot(context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            close();
        }
    }

    /** The test admin's address, such as {@code http://127.0.0.1:41234} (extension use only). */
    String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("baseUrl() needs the browser registered with @RegisterExtension");
        }
        return baseUrl;
    }

    /** Signs in at the test admin ({@link #baseUrl()}), starting from a console page; see below. */
    void signIn(String startPath) {
        signIn(baseUrl(), startPath);
    }

    /** Opens a console page of the test admin. */
    void open(String path) {
        driver.get(baseUrl() + path);
    }

    /**
     * Starts the browser. On a machine without Chromium or its driver the test class is skipped with a message
     * saying what to install, except where the browser is required ({@link #browserRequired()}: CI), where it fails.
     */
    static ConsoleBrowser start() {
        if (!browserPresent() && !browserRequired()) {
            reportMissing();
            Assumptions.abort(MISSING);
        }
        assertThat(CHROMIUM).as("Debian's chromium package (required: CI=true or %s=true)", REQUIRED_VARIABLE)
                .isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (required: CI=true or %s=true)", REQUIRED_VARIABLE)
                .isExecutable();
        // Naming the driver explicitly makes Selenium skip Selenium Manager, which would otherwise try to
        // download a driver or browser; this build must only use what the machine has.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("gatehouse-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1366,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            return new ConsoleBrowser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean browserPresent() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Says once per test JVM, in the build's output, why browser tests are skipped. */
    private static void reportMissing() {
        if (!SKIP_REPORTED.getAndSet(true)) {
            System.err.println("WARNING: " + MISSING);
        }
    }

    /** Whether a missing browser fails the browser tests: on CI, which installs it, they must never be skipped. */
    static boolean browserRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Signs in through the login page, starting from a console page that sends the anonymous visitor there. */
    void signIn(String baseUrl, String startPath) {
        driver.get(baseUrl + startPath);
        waitFor(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys(ConsoleClient.USER);
        driver.findElement(By.id("password")).sendKeys(ConsoleClient.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains(startPath));
    }

    <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** The text of the flash message the last redirect brought. */
    String flashText() {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash .flash-text"))).getText();
    }

    /** Saves what the browser shows as {@code target/browser-screenshots/<name>.png}, for humans. */
    void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        driver = null;
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
