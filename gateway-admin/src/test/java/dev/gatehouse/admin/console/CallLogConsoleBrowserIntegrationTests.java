package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

/**
 * Call logs as an admin watches them in Debian's headless Chromium: shipped calls in the list, new ones in the
 * live tail (server-sent events), and on the dashboard's uPlot charts.
 */
@AdminIntegrationTest
class CallLogConsoleBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Autowired
    WebApplicationContext context;

    @Test
    void shippedCallsShowInTheListTheLiveTailAndTheDashboard() throws Exception {
        WebDriver browser = console.driver();
        CallShipper shipper = new CallShipper(context);
        String listed = CallShipper.route();
        shipper.ship(CallShipper.calls(listed, Instant.now().minusSeconds(40), 30));

        console.signIn("/logs");
        console.open("/logs?route=" + listed);
        assertThat(browser.findElements(By.cssSelector("#calls-table tbody tr"))).hasSize(30);
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("tail")));

        // The tail follows the page's route filter: a new call on the listed route shows, another route's not.
        String live = CallShipper.route();
        String elsewhere = CallShipper.route();
        shipper.ship(CallShipper.calls(elsewhere, Instant.now(), 2, 0));
        shipper.ship(CallShipper.onRoute(listed, CallShipper.calls(live, Instant.now(), 2, 0)));
        console.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-tail-rows] tr[data-request-id='" + live + "-req-1']")));
        assertThat(browser.findElements(By.cssSelector("[data-tail-rows] tr[data-request-id^='" + elsewhere + "']")))
                .isEmpty();
        assertThat(browser.findElement(By.id("tail-scope")).getText()).contains("matching these filters");
        console.screenshot("logs-live-tail");

        browser.findElement(By.id("tail-toggle")).click();
        assertThat(browser.findElement(By.id("tail-toggle")).getText()).isEqualTo("Resume");

        browser.findElement(By.cssSelector("#calls-table tbody tr a")).click();
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("call-detail")));
        assertThat(browser.findElement(By.id("call-detail")).getText()).contains(listed + "-req-0");
        console.screenshot("logs-detail");

        console.open("/logs?status=abc&minLatencyMs=x");
        assertThat(browser.findElement(By.id("status-error")).getText()).contains("5xx");
        console.screenshot("logs-bad-filter");

        console.open("/?range=15m");
        console.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-chart='latency'][data-chart-ready] canvas")));
        assertThat(browser.findElements(By.cssSelector("[data-chart-ready] canvas"))).hasSize(3);
        console.screenshot("dashboard");

        console.open("/nodes");
        console.screenshot("nodes");
    }
}
