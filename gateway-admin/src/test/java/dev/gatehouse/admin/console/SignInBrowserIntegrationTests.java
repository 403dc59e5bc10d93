package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console under its Content-Security-Policy, in Debian's headless Chromium: every page is watched for CSP
 * violations (a listener installed before any page script runs), and the scripted parts that the policy could break
 * (charts, meter widths, the sign-ins page) are checked to still work.
 */
@AdminIntegrationTest
class SignInBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    /** Runs in every new document before its own scripts; outside the page's CSP (DevTools protocol). */
    private static final String WATCH_CSP = "window.__csp = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')); });";

    @Autowired
    UpstreamService services;

    @BeforeAll
    static void watchViolations() {
        console.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_CSP));
    }

    @Test
    void consolePagesWorkUnderTheContentSecurityPolicy() {
        ServiceView service = services.create(new ServiceRequest(ConsoleClient.unique("csp-svc"),
                List.of(new TargetRequest("127.0.0.1", 9, 75), new TargetRequest("127.0.0.2", 9, 25)),
                null, null, null, null));

        console.signIn("/");
        assertNoViolations("/");
        // uPlot draws the dashboard's charts from static files only
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart-ready]")));
        assertNoViolations("/ (charts)");

        console.open("/services/" + service.id());
        List<WebElement> bars = console.waitFor(ExpectedConditions.presenceOfAllElementsLocatedBy(
                By.cssSelector(".meter span[data-width]")));
        assertThat(bars).extracting(bar -> bar.getDomProperty("style"))
                .as("widths set by console.js, not inline style attributes").isNotNull();
        assertThat(bars).extracting(bar -> (String) console.driver()
                        .executeScript("return arguments[0].style.width;", bar))
                .containsExactly("75%", "25%");
        assertNoViolations("/services/{id}");

        for (String page : List.of("/logs", "/nodes", "/consumers", "/routes", "/policies", "/plans")) {
            console.open(page);
            console.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".topbar-title")));
            assertNoViolations(page);
        }

        console.driver().findElement(By.id("nav-sign-ins")).click();
        console.waitFor(ExpectedConditions.urlContains("/users/sign-ins"));
        WebElement latest = console.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#sign-ins-table tbody tr")));
        assertThat(latest.getText()).contains(ConsoleClient.USER).contains("Signed in");
        assertNoViolations("/users/sign-ins");

        // the watch itself works: an inline style attribute is refused and reported
        console.driver().executeScript("document.body.setAttribute('style', 'outline: 1px solid red');");
        console.waitFor(driver -> (Boolean) console.driver().executeScript("return window.__csp.length > 0;"));
        assertThat((List<?>) console.driver().executeScript("return window.__csp;"))
                .anySatisfy(v -> assertThat(v.toString()).startsWith("style-src"));
    }

    private void assertNoViolations(String page) {
        Object found = console.driver().executeScript("return window.__csp || ['listener missing'];");
        assertThat((List<?>) found).as("CSP violations on %s", page).isEmpty();
    }
}
