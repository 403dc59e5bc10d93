package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestGateway;
import dev.gatehouse.admin.testsupport.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An API key's life as an admin lives it, in Debian's headless Chromium, against a real runtime node (a separate
 * JVM): create a service, a route that requires a key and a consumer; issue a key and read it off the page it is
 * shown on once; call the gateway with it; revoke it in the console and see the gateway refuse it.
 */
@AdminIntegrationTest
class KeyConsoleBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Test
    void issuedKeyOpensTheRouteUntilItIsRevoked() {
        WebDriver browser = console.driver();
        String serviceName = ConsoleClient.unique("key-svc");
        String routeName = ConsoleClient.unique("key-route");
        String consumerName = ConsoleClient.unique("key-consumer");
        String path = "/" + routeName;

        console.signIn("/services");
        try (TestUpstream upstream = TestUpstream.start("key-browser")) {
            // A service that forwards to the in-test upstream.
            browser.findElement(By.id("new-service")).click();
            console.waitFor(ExpectedConditions.urlContains("/services/new"));
            browser.findElement(By.id("name")).sendKeys(serviceName);
            browser.findElement(By.name("targets[0].host")).sendKeys("127.0.0.1");
            browser.findElement(By.name("targets[0].port")).sendKeys(Integer.toString(upstream.port()));
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
            console.open("/consumers");
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

            try (TestGateway gateway = TestGateway.start(console.baseUrl())) {
                // The node applies the new revision within moments of connecting.
                assertThat(gateway.awaitStatus(path, status -> status == 200, TestGateway.APPLY_WAIT,
                        "X-API-Key", key)).as("call with the issued key").isEqualTo(200);
                assertThat(gateway.get(path)).as("call without a key").isEqualTo(401);

                // Back on the consumer's page the key is gone for good; revoke it there.
                browser.findElement(By.id("back-to-consumer")).click();
                console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("keys-table")));
                assertThat(browser.getPageSource()).doesNotContain(key);
                browser.findElement(By.cssSelector("a[data-revoke]")).click();
                console.waitFor(ExpectedConditions.urlContains("/revoke"));
                browser.findElement(By.id("confirm-revoke")).click();
                assertThat(console.flashText()).contains("revoked");

                // pushed to the node, not polled (how fast: bench/run.sh scenario 4, "revoke → key refused")
                assertThat(gateway.awaitStatus(path, status -> status == 401, TestGateway.APPLY_WAIT, "X-API-Key", key))
                        .as("call with the revoked key").isEqualTo(401);
                assertThat(browser.findElement(By.cssSelector("#keys-table tr[data-status='revoked']")).getText())
                        .contains("Revoked");
            }
        }
    }
}
