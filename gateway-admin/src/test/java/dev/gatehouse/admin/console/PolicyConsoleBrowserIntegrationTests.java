package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.policy.PolicyView;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin creates a policy through the form generated from the rate-limit record, in headless Chromium: a bad
 * value is explained beside its field first, then the corrected policy is saved and shows on the route's page.
 */
@AdminIntegrationTest
class PolicyConsoleBrowserIntegrationTests {

    private static ConsoleBrowser console;
    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    PolicyService policies;

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

    @AfterEach
    void keepLastScreen(TestInfo test) {
        console.screenshot(test.getTestMethod().map(m -> m.getName()).orElse("test"));
    }

    @Test
    void adminCreatesARateLimitPolicyThroughTheGeneratedForm() {
        String base = "http://127.0.0.1:" + port;
        String service = ConsoleClient.unique("pb-svc");
        String route = ConsoleClient.unique("pb-route");
        String name = ConsoleClient.unique("pb-limit");
        services.create(new ServiceRequest(service, List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null,
                null, null));
        String routeId = routes.create(new RouteRequest(route, service, null, List.of("/" + route), null, null, null,
                null, null, "none", null, null, null, null)).id();

        console.signIn(base, "/policies");
        browser.findElement(By.id("new-policy")).click();
        console.waitFor(ExpectedConditions.urlContains("/policies/new"));
        browser.findElement(By.id("type-rate-limit")).click();
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("policy-form")));

        browser.findElement(By.id("name")).sendKeys(name);
        new Select(browser.findElement(By.id("scope"))).selectByValue("route");
        new Select(browser.findElement(By.id("route"))).selectByValue(route);
        browser.findElement(By.name("config.limits[0].requests")).sendKeys("-10");
        new Select(browser.findElement(By.name("config.limits[0].window"))).selectByValue("second");
        browser.findElement(By.id("save")).click();

        WebElement error = console.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.id("f-config-limits-0-requests-error")));
        assertThat(error.getText()).contains("must be between 1 and");
        assertThat(policies.list(null, null)).noneMatch(p -> p.name().equals(name));
        // What the admin typed is still there, except the value to fix.
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo(name);
        assertThat(new Select(browser.findElement(By.id("route"))).getFirstSelectedOption().getText()).isEqualTo(route);

        WebElement requests = browser.findElement(By.name("config.limits[0].requests"));
        requests.clear();
        requests.sendKeys("10");
        browser.findElement(By.name("config.limits[1].requests")).sendKeys("1000");
        new Select(browser.findElement(By.name("config.limits[1].window"))).selectByValue("hour");
        browser.findElement(By.id("save")).click();

        console.waitFor(ExpectedConditions.urlMatches("/policies$"));
        assertThat(console.flashText()).contains(name);
        WebElement row = browser.findElement(By.cssSelector("#policies-table tr[data-name='" + name + "']"));
        assertThat(row.getText()).contains("route", "rate-limit", route);
        PolicyView saved = policies.get(name);
        assertThat(saved.routeId()).isEqualTo(routeId);

        // The route's page names the winning rate-limit policy and links to it.
        browser.get(base + "/routes/" + routeId);
        WebElement effective = console.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#effective-policies tr[data-type='rate-limit']")));
        assertThat(effective.getText()).contains("route", name);
    }
}
