package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestGateway;
import dev.gatehouse.admin.testsupport.TestUpstream;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Calls made through a real gateway node (a runtime process against the test admin, a route without auth to an
 * in-test upstream) reach the console: in the list, in the live tail and on the dashboard's chart. The database
 * is shared with other tests' traffic, so the dashboard is filtered to this test's route and its chart must
 * count exactly the calls this test made.
 */
@AdminIntegrationTest
class CallLogNodeBrowserIntegrationTests {

    /** Shipping (1 s batches) plus ingestion, with room for a loaded machine. */
    private static final Duration SHIP_WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;

    @Test
    void callsThroughANodeShowInTheListTheLiveTailAndTheDashboardChart() {
        WebDriver browser = console.driver();
        try (TestUpstream upstream = TestUpstream.start("node-logs")) {
            ServiceView service = services.create(new ServiceRequest(unique("node-logs-svc"),
                    List.of(new TargetRequest(upstream.host(), upstream.port(), null)), "http", "", null, null));
            String path = "/" + unique("node-logs");
            RouteView route = routes.create(new RouteRequest(unique("node-logs-route"), service.name(), List.of(),
                    List.of(path), "prefix", List.of(), false, 0, true, "none", null, null, null, null));

            try (TestGateway gateway = TestGateway.start(console.baseUrl())) {
                // Before the node has the route it answers 404 without a route: such calls are not the route's.
                assertThat(gateway.awaitStatus(path + "/first", s -> s == 200, TestGateway.APPLY_WAIT))
                        .as("first call through the node").isEqualTo(200);
                int made = 1;
                for (int i = 0; i < 4; i++) {
                    assertThat(gateway.get(path + "/listed-" + i)).isEqualTo(200);
                    made++;
                }

                // The node ships its calls within a second or so: they show on the logs page.
                console.signIn("/logs");
                int shown = made;
                await("the calls on the logs page").atMost(SHIP_WAIT).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            console.open("/logs?route=" + route.id());
                            return browser.findElements(By.cssSelector("#calls-table tbody tr")).size() >= shown;
                        });
                assertThat(browser.findElements(By.cssSelector("#calls-table tbody tr"))).hasSize(made);
                assertThat(browser.findElement(By.id("calls-table")).getText()).contains(path + "/listed-3");

                // A call made while the page is open arrives in the (route-filtered) live tail.
                console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("tail")));
                assertThat(gateway.get(path + "/live")).isEqualTo(200);
                made++;
                new WebDriverWait(browser, SHIP_WAIT).until(d -> d.findElements(
                        By.cssSelector("[data-tail-rows] tr")).stream()
                        .anyMatch(row -> row.getText().contains(path + "/live")));
                console.screenshot("node-logs-live-tail");

                // The dashboard, filtered to this route, charts exactly the calls made here.
                int expected = made;
                long charted = await("the calls on the dashboard's chart").atMost(SHIP_WAIT)
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                            console.open("/?range=15m&route=" + route.id());
                            console.waitFor(ExpectedConditions.presenceOfElementLocated(
                                    By.cssSelector("[data-chart='rps'][data-chart-ready] canvas")));
                            return Math.round(plottedRps(browser) * 60);
                        }, plotted -> plotted == expected);
                assertThat(charted).as("calls on the rps chart (req/s × 60 s per point)").isEqualTo(expected);
                assertThat(chartedRequests(browser)).as("requests per point behind the chart").isEqualTo(expected);
                assertThat(browser.findElements(By.cssSelector("[data-chart-ready] canvas"))).hasSize(3);
                assertThat(browser.findElement(By.id("stat-requests")).getText()).isEqualTo(Integer.toString(expected));
                assertThat(browser.findElements(By.cssSelector("#top-routes tbody tr"))).singleElement()
                        .satisfies(row -> assertThat(row.getText()).contains(route.name(), Integer.toString(expected)));
                console.screenshot("node-logs-dashboard");
            }
        }
    }

    /** Sum of the requests-per-second series the uPlot chart draws. */
    private static double plottedRps(WebDriver browser) {
        Object series = ((JavascriptExecutor) browser).executeScript(
                "var box = document.querySelector(\"[data-chart='rps']\");"
                        + " return box && box.uplot ? box.uplot.data[1] : null;");
        assertThat(series).as("the rps chart's drawn series").isInstanceOf(List.class);
        return ((List<?>) series).stream().filter(Number.class::isInstance)
                .mapToDouble(n -> ((Number) n).doubleValue()).sum();
    }

    /** Sum of the per-point request counts the page gives its charts. */
    private static long chartedRequests(WebDriver browser) {
        Object counts = ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(document.getElementById('chart-data').textContent).requests;");
        assertThat(counts).isInstanceOf(List.class);
        return ((List<?>) counts).stream().mapToLong(n -> ((Number) n).longValue()).sum();
    }
}
