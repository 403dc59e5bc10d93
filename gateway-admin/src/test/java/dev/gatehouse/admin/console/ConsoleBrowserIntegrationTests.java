package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import dev.gatehouse.admin.testsupport.TestGateway;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console as an admin uses it, in Debian's headless Chromium: sign in, create a service and a route with
 * the forms, then watch a runtime node (a separate JVM) apply the new revision on the Nodes page.
 */
@AdminIntegrationTest
class ConsoleBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Autowired
    RevisionService revisions;

    @Test
    void adminCreatesServiceAndRouteAndSeesANodeApplyThem() {
        WebDriver browser = console.driver();
        String serviceName = ConsoleClient.unique("browser-svc");
        String routeName = ConsoleClient.unique("browser-route");

        // Sign in: the console sends an anonymous visitor to the login page and back.
        console.signIn("/services");
        assertThat(browser.findElement(By.cssSelector(".topbar-title")).getText()).isEqualTo("Services");

        // Create a service; the optional script adds a fourth target row.
        browser.findElement(By.id("new-service")).click();
        waitFor(ExpectedConditions.urlContains("/services/new"));
        browser.findElement(By.id("name")).sendKeys(serviceName);
        browser.findElement(By.name("targets[0].host")).sendKeys("127.0.0.1");
        browser.findElement(By.name("targets[0].port")).sendKeys("9");
        browser.findElement(By.cssSelector("[data-add-row=targets]")).click();
        assertThat(browser.findElements(By.cssSelector("[data-rows=targets] [data-row]"))).hasSize(4);
        browser.findElement(By.name("targets[3].host")).sendKeys("127.0.0.2");
        browser.findElement(By.name("targets[3].port")).sendKeys("9");
        browser.findElement(By.name("targets[3].weight")).sendKeys("50");
        browser.findElement(By.id("save")).click();
        waitFor(ExpectedConditions.urlMatches("/services/[0-9a-f-]{36}$"));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("targets-table")));
        assertThat(flashText()).contains(serviceName);
        assertThat(browser.findElements(By.cssSelector("#targets-table tbody tr"))).hasSize(2);

        // A bad path is explained beside the field and nothing is created.
        browser.findElement(By.id("new-route")).click();
        waitFor(ExpectedConditions.urlContains("/routes/new"));
        assertThat(new Select(browser.findElement(By.id("service"))).getFirstSelectedOption().getText())
                .isEqualTo(serviceName);
        browser.findElement(By.id("name")).sendKeys(routeName);
        browser.findElement(By.id("paths")).sendKeys("browser");
        browser.findElement(By.id("save")).click();
        WebElement pathError = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("paths-error")));
        assertThat(pathError.getText()).contains("must start with /");

        // Fix it and create the route, GET only.
        WebElement paths = browser.findElement(By.id("paths"));
        paths.clear();
        paths.sendKeys("/browser");
        browser.findElement(By.xpath("//label[contains(@class,'method-option')][.//span[text()='GET']]")).click();
        browser.findElement(By.id("save")).click();
        waitFor(ExpectedConditions.urlMatches("/routes$"));
        WebElement row = waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#routes-table tr[data-name='" + routeName + "']")));
        assertThat(flashText()).contains(routeName);
        assertThat(row.getText()).contains(serviceName, "/browser", "GET");

        // A runtime node connects and reports the current revision; the Nodes page refreshes itself.
        long revision = revisions.current().revision();
        try (TestGateway gateway = TestGateway.start(console.baseUrl())) {
            RuntimeNodeProcess node = gateway.node();
            console.open("/nodes");
            By nodeRow = By.cssSelector("tr[data-node='" + node.nodeId() + "']");
            new WebDriverWait(browser, TestGateway.APPLY_WAIT).until(d -> {
                var rows = d.findElements(nodeRow);
                return !rows.isEmpty()
                        && rows.get(0).findElement(By.cssSelector(".applied-revision")).getText()
                        .equals(Long.toString(revision))
                        && !rows.get(0).findElements(By.cssSelector(".tag-green")).isEmpty();
            });
            WebElement nodeLine = browser.findElement(nodeRow);
            assertThat(nodeLine.getText()).contains("Connected", "in sync", "127.0.0.1:" + node.proxyPort());
        }
    }

    private String flashText() {
        return console.flashText();
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return console.waitFor(condition);
    }
}
