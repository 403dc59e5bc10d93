package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.core.io.ClassPathResource;

/**
 * The API page in Debian's headless Chromium under the console's Content-Security-Policy: Swagger UI draws every
 * operation of the document with no violation, and "Try it out" calls the API with the token entered under
 * "Authorize".
 */
@AdminIntegrationTest
class ApiDocsBrowserIntegrationTests {

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    /** Runs in every new document before its own scripts; outside the page's CSP (DevTools protocol). */
    private static final String WATCH_CSP = "window.__csp = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')); });";

    @BeforeAll
    static void watchViolations() {
        console.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_CSP));
    }

    @Test
    void swaggerUiShowsEveryOperationAndCallsTheApiWithAToken() throws Exception {
        console.signIn("/api-docs");
        long operations = operationCount();
        List<WebElement> blocks = console.waitFor(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#swagger-ui .opblock"));
            return found.size() >= operations ? found : null;
        });
        assertThat(blocks).hasSize((int) operations);
        assertNoViolations("/api-docs");

        // Authorize with the admin's API token, then run GET /api/v1/config/revision
        console.driver().findElement(By.cssSelector("#swagger-ui .auth-wrapper .authorize")).click();
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input")))
                .sendKeys(AdminIntegrationTest.ADMIN_TOKEN);
        console.driver().findElement(By.cssSelector(".modal-ux .auth-btn-wrapper .authorize")).click();
        console.driver().findElement(By.cssSelector(".modal-ux .btn-done")).click();

        WebElement operation = console.driver().findElement(By.id("operations-cluster-getRevision"));
        operation.findElement(By.cssSelector(".opblock-summary")).click();
        console.waitFor(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn"))))
                .click();
        console.waitFor(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".execute"))))
                .click();
        WebElement answer = console.waitFor(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation,
                By.cssSelector(".live-responses-table .response"))).get(0);
        assertThat(answer.findElement(By.cssSelector(".response-col_status")).getText()).startsWith("200");
        assertThat(answer.getText()).contains("\"revision\"").contains("\"hash\"");
        assertNoViolations("/api-docs (after a call)");
    }

    private static long operationCount() throws IOException {
        try (InputStream in = new ClassPathResource("openapi/gatehouse-admin.yaml").getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Pattern.compile("^\\s+operationId:", Pattern.MULTILINE).matcher(text).results().count();
        }
    }

    private void assertNoViolations(String page) {
        Object found = console.driver().executeScript("return window.__csp || ['listener missing'];");
        assertThat((List<?>) found).as("CSP violations on %s", page).isEmpty();
    }
}
