package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An API key's life as an admin lives it, in Debian's headless Chromium, against a real runtime node (a separate
 * JVM): create a service, a route that requires a key and a consumer; issue a key and read it off the page it is
 * shown on once; call the gateway with it; revoke it in the console and see the gateway refuse it within seconds.
 */
@AdminIntegrationTest
class KeyConsoleBrowserIntegrationTests {

    private static final Duration NODE_WAIT = Duration.ofSeconds(90);
    /** How soon a revoked key must be refused: the change is pushed to nodes, not polled. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ConsoleBrowser console;
    private static WebDriver browser;

    @LocalServerPort
    int port;

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
            byte[] body = "{\"upstream\":\"key-browser\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream(TestInfo test) {
        console.screenshot(test.getTestMethod().map(m -> m.getName()).orElse("test"));
        upstream.stop(0);
    }

    @Test
    void issuedKeyOpensTheRouteUntilItIsRevoked() {
        String base = "http://127.0.0.1:" + port;
        String serviceName = ConsoleClient.unique("key-svc");
        String routeName = ConsoleClient.unique("key-route");
        String consumerName = ConsoleClient.unique("key-consumer");
        String path = "/" + routeName;

        console.signIn(base, "/services");

        // A service that forwards to the in-test upstream.
        browser.findElement(By.id("new-service")).click();
        console.waitFor(ExpectedConditions.urlContains("/services/new"));
        browser.findElement(By.id("name")).sendKeys(serviceName);
        browser.findElement(By.name("targets[0].host")).sendKeys("127.0.0.1");
        browser.findElement(By.name("targets[0].port")).sendKeys(Integer.toString(upstream.getAddress().getPort()));
        browser.findElement(By.id("save")).click();
        console.waitFor(ExpectedConditions.urlMatches("/services/[0-9a-f-]{36}$"));

        // A route that requires an API key: the default, with the token section hidden by the script.
        browser.findElement(By.id("new-route")).click();
        console.waitFor(ExpectedConditions.urlContains("/routes/new"));
        assertThat(new Select(browser.findElement(By.id("auth"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("key");
        assertThat(browser.findElement(By.id("key-auth-section")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("jwt-section")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("auth"))).selectByValue("jwt");
        assertThat(browser.findElement(By.id("jwt-section")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("key-auth-section")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("auth"))).selectByValue("key");
        browser.findElement(By.id("name")).sendKeys(routeName);
        browser.findElement(By.id("paths")).sendKeys(path);
        browser.findElement(By.id("save")).click();
        WebElement routeRow = console.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#routes-table tr[data-name='" + routeName + "']")));
        assertThat(routeRow.getText()).contains("API key");

        // A consumer.
        browser.get(base + "/consumers");
        browser.findElement(By.id("new-consumer")).click();
        console.waitFor(ExpectedConditions.urlContains("/consumers/new"));
        browser.findElement(By.id("name")).sendKeys(consumerName);
        browser.findElement(By.id("save")).click();
        console.waitFor(ExpectedConditions.urlMatches("/consumers/[0-9a-f-]{36}$"));
        assertThat(console.flashText()).contains(consumerName);

        // Issue a key: shown once, on the page that answers the form, with a copy button.
        browser.findElement(By.id("issue-key-submit")).click();
        WebElement shown = console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("issued-key")));
        String key = shown.getText().strip();
        assertThat(key).matches("gwk_[0-9A-Za-z]{49}");
        assertThat(browser.findElement(By.id("key-warning")).getText()).contains("will not be shown again");
        WebElement copy = browser.findElement(By.id("copy-key"));
        assertThat(copy.isDisplayed()).as("the script reveals the copy button").isTrue();
        copy.click();
        console.waitFor(d -> copy.getText().contains("Copied")
                || !d.findElement(By.cssSelector("[data-copy-status]")).getText().isBlank());
        console.screenshot("key-issued");

        try (RuntimeNodeProcess node = RuntimeNodeProcess.start(base, AdminIntegrationTest.CLUSTER_TOKEN)) {
            node.awaitReady(NODE_WAIT);
            String url = node.proxyUrl() + path;
            // The node applies the new revision within moments of connecting.
            assertThat(awaitStatus(url, key, status -> status == 200, NODE_WAIT))
                    .as("call with the issued key").isEqualTo(200);
            assertThat(call(url, null)).as("call without a key").isEqualTo(401);

            // Back on the consumer's page the key is gone for good; revoke it there.
            browser.findElement(By.id("back-to-consumer")).click();
            console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("keys-table")));
            assertThat(browser.getPageSource()).doesNotContain(key);
            browser.findElement(By.cssSelector("a[data-revoke]")).click();
            console.waitFor(ExpectedConditions.urlContains("/revoke"));
            browser.findElement(By.id("confirm-revoke")).click();
            assertThat(console.flashText()).contains("revoked");
            long revokedAt = System.nanoTime();

            assertThat(awaitStatus(url, key, status -> status == 401, REVOKE_WAIT))
                    .as("call with the revoked key, within %s", REVOKE_WAIT).isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(REVOKE_WAIT);
            assertThat(browser.findElement(By.cssSelector("#keys-table tr[data-status='revoked']")).getText())
                    .contains("Revoked");
        }
    }

    /** Calls until the status satisfies the condition or time runs out; the last status seen. */
    private static int awaitStatus(String url, String key, IntPredicate wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            status = call(url, key);
            if (wanted.test(status)) {
                return status;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        return status;
    }

    /** Status of a GET through the gateway, with the key in the default header; -1 when nothing answers. */
    private static int call(String url, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
