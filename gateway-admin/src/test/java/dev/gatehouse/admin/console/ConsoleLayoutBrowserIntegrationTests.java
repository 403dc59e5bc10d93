package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

/**
 * What the console's frame and scripts do around the pages, in Debian's headless Chromium: the dark sidebar over
 * the whole height of long and short pages; the dashboard refreshing itself until paused (remembered for the tab's
 * session), with readable chart axes without data; a submitted form's busy button.
 */
@AdminIntegrationTest
class ConsoleLayoutBrowserIntegrationTests {

    /** Longer than two refresh intervals of the dashboard (10 s). */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(25);
    private static final Dimension USUAL = new Dimension(1366, 900);

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();
    private static boolean signedIn;

    @Autowired
    WebApplicationContext context;

    @AfterEach
    void usualWindow() {
        console.driver().manage().window().setSize(USUAL);
    }

    @Test
    void theSidebarIsDarkOverTheWholeHeightOfLongAndShortPages() {
        WebDriver browser = console.driver();
        signIn("/plans");

        // A short page in a tall window: the sidebar reaches the bottom of the window.
        browser.manage().window().setSize(new Dimension(1366, 1400));
        console.open("/plans/new");
        Map<String, Object> shortPage = measure();
        assertThat(number(shortPage, "aside")).as("sidebar height on a short page")
                .isGreaterThanOrEqualTo(number(shortPage, "window"));

        // A long page (the service form in a low window): the sidebar is as tall as the whole page.
        browser.manage().window().setSize(new Dimension(1366, 480));
        console.open("/services/new");
        Map<String, Object> longPage = measure();
        assertThat(number(longPage, "page")).as("the page is longer than the window")
                .isGreaterThan(number(longPage, "window"));
        // scrollHeight is rounded to whole pixels, the sidebar's box is not: within one pixel is the whole page
        assertThat(number(longPage, "aside")).as("sidebar height on a long page")
                .isGreaterThan(number(longPage, "page") - 1);

        // The navigation is taller than that window: its last link scrolls into view on the dark background.
        WebElement last = browser.findElement(By.id("nav-sign-ins"));
        console.driver().executeScript("arguments[0].scrollIntoView({block: 'end'});", last);
        Object inside = console.driver().executeScript("""
                var link = arguments[0].getBoundingClientRect();
                var aside = document.querySelector('.sidebar').getBoundingClientRect();
                return link.bottom <= window.innerHeight && link.top >= aside.top && link.bottom <= aside.bottom
                    && getComputedStyle(document.querySelector('.sidebar')).backgroundColor;
                """, last);
        assertThat(inside).as("last navigation link visible on the sidebar's background")
                .isEqualTo("rgb(17, 24, 39)");
    }

    @Test
    void theDashboardRefreshesItselfUntilPausedAndRemembersThePause() throws Exception {
        WebDriver browser = console.driver();
        CallShipper shipper = new CallShipper(context);
        String route = CallShipper.route();
        signIn("/");
        console.open("/?range=15m&route=" + route);
        assertThat(browser.findElement(By.id("stat-requests")).getText()).isEqualTo("0");
        // Without JavaScript this link reloads the page; the pause button is the script's.
        assertThat(browser.findElement(By.id("refresh-now")).getAttribute("href"))
                .endsWith("/?range=15m&route=" + route);
        WebElement toggle = browser.findElement(By.id("refresh-toggle"));
        assertThat(toggle.isDisplayed()).isTrue();
        assertThat(toggle.getText()).isEqualTo("Pause auto-refresh");
        assertThat(browser.findElement(By.id("refresh-state")).getText()).contains("every 10 seconds");

        // No calls yet: round, distinct axis labels.
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart='rps'][data-chart-ready]")));
        assertThat(browser.findElement(By.cssSelector("[data-chart='rps']")).getAttribute("data-axis-labels"))
                .isEqualTo("0 0.5 1");
        assertThat(browser.findElement(By.cssSelector("[data-chart='latency']")).getAttribute("data-axis-labels"))
                .isEqualTo("0 5 10");

        // Calls arrive: the figures change without a reload (the filter form keeps what was typed).
        browser.findElement(By.id("consumer")).sendKeys("typed-but-not-sent");
        shipper.ship(CallShipper.calls(route, Instant.now().minusSeconds(20), 3, 1));
        waitUpTo(REFRESH_WAIT, d -> d.findElement(By.id("stat-requests")).getText().equals("3"));
        assertThat(browser.findElement(By.id("consumer")).getAttribute("value")).isEqualTo("typed-but-not-sent");
        assertThat(browser.findElements(By.cssSelector("[data-chart-ready] canvas"))).hasSize(3);

        // Paused: ticks pass, nothing is fetched, the figures stay.
        toggle.click();
        assertThat(toggle.getText()).isEqualTo("Resume auto-refresh");
        assertThat(browser.findElement(By.id("refresh-state")).getText()).isEqualTo("Auto-refresh paused.");
        WebElement live = browser.findElement(By.id("dashboard-live"));
        String refreshes = live.getAttribute("data-refreshes");
        shipper.ship(CallShipper.onRoute(route, CallShipper.calls(CallShipper.route(), Instant.now().minusSeconds(10), 2, 1)));
        waitUpTo(REFRESH_WAIT, d -> live.getAttribute("data-refresh-skipped") != null
                && Integer.parseInt(live.getAttribute("data-refresh-skipped")) >= 2);
        assertThat(live.getAttribute("data-refreshes")).isEqualTo(refreshes);
        assertThat(browser.findElement(By.id("stat-requests")).getText()).isEqualTo("3");

        // Remembered for the session: a reload stays paused.
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("stat-requests")).getText()).isEqualTo("5");
        WebElement again = browser.findElement(By.id("refresh-toggle"));
        assertThat(again.getText()).isEqualTo("Resume auto-refresh");
        assertThat(browser.findElement(By.id("refresh-state")).getText()).isEqualTo("Auto-refresh paused.");
        assertThat(browser.findElement(By.id("dashboard-live")).getAttribute("data-refresh-paused")).isEqualTo("true");

        // Resumed: refreshes at once.
        shipper.ship(CallShipper.onRoute(route, CallShipper.calls(CallShipper.route(), Instant.now().minusSeconds(5), 1, 1)));
        again.click();
        assertThat(again.getText()).isEqualTo("Pause auto-refresh");
        waitUpTo(REFRESH_WAIT, d -> d.findElement(By.id("stat-requests")).getText().equals("6"));
    }

    @Test
    void aSubmittedFormSaysItIsBusyAndCannotBeSentTwice() {
        WebDriver browser = console.driver();
        signIn("/plans/new");
        WebElement save = browser.findElement(By.id("save"));
        assertThat(save.isEnabled()).isTrue();
        // A submit event that the browser does not act on: the page stays, so its busy state can be seen.
        submitEventFrom(save);
        assertThat(save.isEnabled()).isFalse();
        assertThat(save.getText()).isEqualTo("Working…");
        assertThat(save.getAttribute("class")).contains("is-busy");
        assertThat(browser.findElement(By.cssSelector("form[aria-busy='true']")).isDisplayed()).isTrue();

        // GET forms (filters) stay as they are.
        console.open("/logs");
        WebElement filter = browser.findElement(By.cssSelector("form[method='get'] button[type='submit']"));
        submitEventFrom(filter);
        assertThat(filter.isEnabled()).isTrue();
        assertThat(filter.getAttribute("class")).doesNotContain("is-busy");
    }

    /** Dispatches a submit event from the button and returns once the page's handlers had a turn to react. */
    private static void submitEventFrom(WebElement button) {
        console.driver().executeAsyncScript("""
                var button = arguments[0], done = arguments[arguments.length - 1];
                button.form.dispatchEvent(new SubmitEvent('submit', { submitter: button, bubbles: true, cancelable: true }));
                setTimeout(done, 0);
                """, button);
    }

    /** Signs in the first time (one browser for the class), then just opens the page. */
    private static void signIn(String path) {
        if (signedIn) {
            console.open(path);
        } else {
            console.signIn(path);
            signedIn = true;
        }
    }

    private static Map<String, Object> measure() {
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) console.driver().executeScript("""
                return { aside: document.querySelector('.sidebar').getBoundingClientRect().height,
                         page: document.documentElement.scrollHeight, window: window.innerHeight };
                """);
        return sizes;
    }

    private static double number(Map<String, Object> sizes, String name) {
        return ((Number) sizes.get(name)).doubleValue();
    }

    private static void waitUpTo(Duration wait, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(console.driver(), wait).until(condition);
    }
}
