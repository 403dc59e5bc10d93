package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The composite route editor in headless Chromium with the console's script: choosing the kind shows the step
 * editor and hides the service, "Add step" adds a step, an error shows beside the step's field, and the saved
 * route's page draws its steps.
 */
@AdminIntegrationTest
class CompositeRouteBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;

    // As in the other composite tests: nodes other test classes start must be able to compile every route.
    @AfterEach
    void deleteCompositeRoutes() {
        routes.list().stream().filter(route -> route.composite() != null).forEach(route -> routes.delete(route.id()));
    }

    @Test
    void adminBuildsAProductPageFromTwoServices() {
        String catalogue = services.create(new ServiceRequest(ConsoleClient.unique("b-catalogue"),
                List.of(new TargetRequest("127.0.0.1", 9, null)), "http", "", null, null)).name();
        String prices = services.create(new ServiceRequest(ConsoleClient.unique("b-prices"),
                List.of(new TargetRequest("127.0.0.1", 9, null)), "http", "", null, null)).name();
        String name = ConsoleClient.unique("b-page");
        WebDriver browser = console.driver();

        console.signIn("/routes/new");
        WebElement steps = browser.findElement(By.id("composite-section"));
        assertThat(steps.isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("service")).isDisplayed()).isTrue();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("paths")).sendKeys("/" + name);
        new Select(browser.findElement(By.id("kind"))).selectByValue("composite");
        assertThat(browser.findElement(By.id("composite-section")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("service")).isDisplayed()).isFalse();

        browser.findElement(By.id("composite.steps0.name")).sendKeys("product");
        new Select(browser.findElement(By.id("composite.steps0.service"))).selectByVisibleText(catalogue);
        browser.findElement(By.id("composite.steps0.path")).sendKeys("/products/{path.1}");
        browser.findElement(By.id("add-step")).click();

        // The form comes back with a second step and what was typed; the kind is still composite.
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("step-1")));
        assertThat(browser.findElement(By.id("composite.steps0.name")).getAttribute("value")).isEqualTo("product");
        browser.findElement(By.id("composite.steps1.name")).sendKeys("price");
        new Select(browser.findElement(By.id("composite.steps1.service"))).selectByVisibleText(prices);
        browser.findElement(By.id("composite.steps1.path")).sendKeys("/prices/{step.product/id}");
        browser.findElement(By.id("save")).click();

        // The second step uses the first's answer without waiting for it: said beside "Waits for".
        WebElement error = waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.id("composite.steps1.dependsOn-error")));
        assertThat(error.getText()).contains("must list 'product'");
        assertThat(browser.findElement(By.id("step-1")).isDisplayed()).isTrue();
        browser.findElement(By.id("composite.steps1.dependsOn")).sendKeys("product");
        browser.findElement(By.id("save")).click();
        waitFor(ExpectedConditions.urlMatches("/routes$"));
        assertThat(console.flashText()).contains(name);

        RouteView route = routes.get(name);
        assertThat(route.composite().steps()).extracting(step -> step.name()).containsExactly("product", "price");
        console.open("/routes/" + route.id());
        WebElement diagram = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("step-diagram")));
        assertThat(diagram.findElements(By.cssSelector("g.step-box"))).hasSize(2);
        assertThat(diagram.findElements(By.cssSelector("path.step-edge"))).hasSize(1);
        assertThat(browser.findElement(By.id("steps-table")).getText()).contains("product", "price", catalogue, prices);
        console.screenshot("composite-route");
    }

    private <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return console.waitFor(condition);
    }
}
