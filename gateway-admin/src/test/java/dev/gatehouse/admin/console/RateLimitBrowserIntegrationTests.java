package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.admin.quota.QuotaProperties;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole path of a plan limit: a plan with a low rate limit and a daily quota is created and assigned through
 * the API, a real node (runtime process counting in the shared Redis under this context's prefix) answers 429 once
 * the limit is used up, and the consumer page in headless Chromium shows the quota usage of those calls.
 */
@AdminIntegrationTest
class RateLimitBrowserIntegrationTests {

    private static final Duration NODE_WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ConsoleBrowser console;
    private static WebDriver browser;
    private static HttpServer upstream;

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    QuotaProperties quota;

    @BeforeAll
    static void start() throws IOException {
        console = ConsoleBrowser.start();
        browser = console.driver();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] body = "{\"upstream\":\"limited\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void aLowPlanLimitAnswers429AndTheConsumerPageShowsTheUsage() throws Exception {
        AdminApi api = new AdminApi(mvc);
        String base = "http://127.0.0.1:" + port;
        String plan = unique("limited-plan");
        api.post("/api/v1/plans", """
                {"name": "%s", "rateLimits": [{"requests": 3, "window": "hour"}],
                 "quotas": [{"calls": 5, "period": "day", "by": "consumer"}]}""".formatted(plan))
                .andExpect(status().isCreated());
        String consumer = unique("limited-consumer");
        String consumerId = JsonPath.read(api.post("/api/v1/consumers", """
                {"name": "%s", "plan": "%s"}""".formatted(consumer, plan))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        String key = JsonPath.read(api.post("/api/v1/consumers/" + consumer + "/keys", "{}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.key");
        String service = unique("limited-svc");
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": %d}]}"""
                .formatted(service, upstream.getAddress().getPort())).andExpect(status().isCreated());
        String path = "/" + unique("limited");
        api.post("/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["%s"], "auth": "key"}"""
                .formatted(unique("limited-route"), service, path)).andExpect(status().isCreated());

        Map<String, String> redis = Map.of("GATEHOUSE_REDIS_URL", quota.redisUrl(),
                "GATEHOUSE_REDIS_KEY_PREFIX", quota.keyPrefix());
        try (RuntimeNodeProcess node = RuntimeNodeProcess.start("node-limits-" + Long.toHexString(System.nanoTime()),
                base, AdminIntegrationTest.CLUSTER_TOKEN, redis)) {
            node.awaitReady(NODE_WAIT);
            String url = node.proxyUrl() + path + "/x";
            // the route, consumer and key reach the node within seconds; calls before that are 401/404
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = await("first call through the node").atMost(NODE_WAIT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(300))
                    .until(() -> call(url, key), response -> response.statusCode() == 200);
            statuses.add(last.statusCode());
            while (last.statusCode() != 429 && statuses.size() < 10) {
                last = call(url, key);
                statuses.add(last.statusCode());
            }
            // 3 calls an hour: the fourth is refused
            assertThat(statuses).containsExactly(200, 200, 200, 429);
            assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(last.body()).contains("\"code\":\"rate_limited\"");
            assertThat(last.headers().firstValue("Retry-After")).isPresent();

            // the three accepted calls used three of the five a day; the refused one used none
            console.signIn(base, "/consumers/" + consumerId);
            await("the consumer's page shows the usage").atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                        if (!usageText().contains("3 of 5 used, 2 left")) {
                            browser.get(base + "/consumers/" + consumerId);
                        }
                        return usageText().contains("3 of 5 used, 2 left");
                    });
            assertThat(usageText()).contains("5 calls per day (UTC)").contains("3 of 5 used, 2 left");
            assertThat(browser.findElement(By.cssSelector("#quota-usage [role=progressbar]"))
                    .getDomAttribute("aria-valuenow")).isEqualTo("60");
            console.screenshot("consumer-quota-usage");
        }
    }

    private static String usageText() {
        List<org.openqa.selenium.WebElement> found = browser.findElements(By.id("quota-usage"));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static HttpResponse<String> call(String url, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
