package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;

/**
 * Call logs as an admin watches them in Debian's headless Chromium: shipped calls in the list, new ones in the
 * live tail (server-sent events), and on the dashboard's uPlot charts.
 */
@AdminIntegrationTest
class CallLogConsoleBrowserIntegrationTests {

    private static ConsoleBrowser console;
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @BeforeAll
    static void startBrowser() {
        console = ConsoleBrowser.start();
        browser = console.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void shippedCallsShowInTheListTheLiveTailAndTheDashboard() throws Exception {
        String base = "http://127.0.0.1:" + port;
        CallShipper shipper = new CallShipper(context);
        String listed = CallShipper.route();
        shipper.ship(CallShipper.calls(listed, Instant.now().minusSeconds(40), 30));

        console.signIn(base, "/logs");
        browser.get(base + "/logs?route=" + listed);
        assertThat(browser.findElements(By.cssSelector("#calls-table tbody tr"))).hasSize(30);
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("tail")));

        String live = CallShipper.route();
        shipper.ship(CallShipper.calls(live, Instant.now(), 2, 0));
        console.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-tail-rows] tr[data-request-id='" + live + "-req-1']")));
        console.screenshot("logs-live-tail");

        browser.findElement(By.id("tail-toggle")).click();
        assertThat(browser.findElement(By.id("tail-toggle")).getText()).isEqualTo("Resume");

        browser.findElement(By.cssSelector("#calls-table tbody tr a")).click();
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("call-detail")));
        assertThat(browser.findElement(By.id("call-detail")).getText()).contains(listed + "-req-0");
        console.screenshot("logs-detail");

        browser.get(base + "/logs?status=abc&minLatencyMs=x");
        assertThat(browser.findElement(By.id("status-error")).getText()).contains("5xx");
        console.screenshot("logs-bad-filter");

        browser.get(base + "/?range=15m");
        console.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-chart='latency'][data-chart-ready] canvas")));
        assertThat(browser.findElements(By.cssSelector("[data-chart-ready] canvas"))).hasSize(3);
        console.screenshot("dashboard");

        browser.get(base + "/nodes");
        console.screenshot("nodes");
    }
}
