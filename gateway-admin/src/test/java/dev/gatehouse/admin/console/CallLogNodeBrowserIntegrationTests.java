package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Calls made through a real gateway node (a runtime process against the test admin, a route without auth to an
 * in-test upstream) reach the console: in the list, in the live tail and on the dashboard's chart.
 */
@AdminIntegrationTest
class CallLogNodeBrowserIntegrationTests {

    private static final Duration NODE_WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ConsoleBrowser console;
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;

    private HttpServer upstream;

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

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] body = "{\"upstream\":\"node-logs\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void callsThroughANodeShowInTheListTheLiveTailAndTheDashboard() throws Exception {
        String base = "http://127.0.0.1:" + port;
        ServiceView service = services.create(new ServiceRequest(unique("node-logs-svc"),
                List.of(new TargetRequest("127.0.0.1", upstream.getAddress().getPort(), null)), "http", "", null,
                null));
        String path = "/" + unique("node-logs");
        RouteView route = routes.create(new RouteRequest(unique("node-logs-route"), service.name(), List.of(),
                List.of(path), "prefix", List.of(), false, 0, true, "none", null, null, null, null));

        try (RuntimeNodeProcess node = RuntimeNodeProcess.start(base, AdminIntegrationTest.CLUSTER_TOKEN)) {
            node.awaitReady(NODE_WAIT);
            String url = node.proxyUrl() + path;
            assertThat(awaitOk(url + "/first", NODE_WAIT)).as("first call through the node").isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                assertThat(call(url + "/listed-" + i)).isEqualTo(200);
            }

            // The node ships its calls within a second or so: they show on the logs page.
            console.signIn(base, "/logs");
            String logs = base + "/logs?route=" + route.id();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                browser.get(logs);
            } while (browser.findElements(By.cssSelector("#calls-table tbody tr")).size() < 5
                    && System.nanoTime() < deadline && pause());
            assertThat(browser.findElements(By.cssSelector("#calls-table tbody tr"))).hasSize(5);
            assertThat(browser.findElement(By.id("calls-table")).getText()).contains(path + "/listed-3");

            // A call made while the page is open arrives in the live tail.
            console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("tail")));
            assertThat(call(url + "/live")).isEqualTo(200);
            console.waitFor(d -> d.findElements(By.cssSelector("[data-tail-rows] tr")).stream()
                    .anyMatch(row -> row.getText().contains(path + "/live")));
            console.screenshot("node-logs-live-tail");

            // And the dashboard charts them.
            browser.get(base + "/?range=15m");
            console.waitFor(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-chart='rps'][data-chart-ready] canvas")));
            assertThat(browser.findElements(By.cssSelector("[data-chart-ready] canvas"))).hasSize(3);
            // Other tests share this database and out-call this route, so its place in the top list is not
            // asserted here; the per-route series is asserted in TrafficDetailConsoleIntegrationTests.
            console.screenshot("node-logs-dashboard");
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static int awaitOk(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            status = call(url);
        } while (status != 200 && System.nanoTime() < deadline && pause());
        return status;
    }

    /** Status of a GET through the gateway; -1 when nothing answers. */
    private static int call(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
