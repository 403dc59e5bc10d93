package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.apikey.ApiKeyService;
import dev.gatehouse.admin.apikey.IssueKeyRequest;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every console page, checked with axe-core in Debian's headless Chromium: no violation of impact serious or
 * critical (colour contrast, missing labels, bad ARIA...). axe-core comes from the {@code org.webjars.npm:axe-core}
 * test dependency and is injected into each page after it loaded; the failure lists every page's violations with
 * the elements concerned, so one run shows all there is to fix.
 */
@AdminIntegrationTest
class AccessibilityBrowserIntegrationTests {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    /** Runs axe on the page; answers one line per serious or critical violation, with up to five elements. */
    private static final String RUN_AXE = """
            var done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(function (results) {
              done(results.violations
                .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                .map(function (v) {
                  return v.impact + ' ' + v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 5).map(function (n) {
                    return n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']';
                  }).join('; ') + (v.nodes.length > 5 ? '; and ' + (v.nodes.length - 5) + ' more' : '');
                }));
            }, function (error) { done(['axe failed: ' + error]); });
            """;

    @RegisterExtension
    static final ConsoleBrowser console = ConsoleBrowser.perClass();

    @Autowired
    WebApplicationContext context;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    ConsumerService consumers;
    @Autowired
    ApiKeyService keys;
    @Autowired
    PlanService plans;
    @Autowired
    PolicyService policies;
    @Autowired
    JsonMapper json;

    @Test
    void noConsolePageHasSeriousOrCriticalViolations() throws Exception {
        WebDriver browser = console.driver();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        String script = axeScript();
        Map<String, List<String>> violations = new LinkedHashMap<>();

        // One of everything, so that every list has rows and every detail page exists.
        String service = ConsoleClient.unique("a11y-svc");
        String serviceId = services.create(new ServiceRequest(service,
                List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null, null)).id();
        String routeId = routes.create(new RouteRequest(ConsoleClient.unique("a11y-route"), service, null,
                List.of("/" + ConsoleClient.unique("a11y")), null, null, null, null, null, "key", null, null, null,
                null)).id();
        String planName = ConsoleClient.unique("a11y-plan");
        String planId = plans.create(new PlanRequest(planName, "for the accessibility test",
                List.of(new RateLimit(5, RateWindow.SECOND)), List.of())).id();
        String consumerId = consumers.create(new ConsumerRequest(ConsoleClient.unique("a11y-consumer"), null,
                "active", List.of("team-a"), planName, List.of())).id();
        String keyId = keys.issue(consumerId, new IssueKeyRequest(null, null)).id();
        String policyId = policies.create(new PolicyRequest(ConsoleClient.unique("a11y-policy"), true, "route",
                null, routeId, null, null, json.readTree("{\"type\": \"ip-restriction\", \"deny\": [\"203.0.113.0/24\"]}")))
                .id();
        String callRoute = CallShipper.route();
        new CallShipper(context).ship(CallShipper.calls(callRoute, Instant.now().minusSeconds(30), 20));
        // Not /api-docs: the third-party Swagger UI it hosts has contrast and labelling violations of its own
        // (README, Known limitations); the console's pages around it are checked here.
        String compositeRoute = CallShipper.route();
        new CallShipper(context).ship(CallShipper.composite(compositeRoute, Instant.now().minusSeconds(30)));
        long auditId = dev.gatehouse.admin.testsupport.AdminApi.longQuery("SELECT max(id) FROM audit_log");
        long revision = dev.gatehouse.admin.testsupport.AdminApi.revision();

        console.open("/login");
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        check("/login", script, violations);

        console.signIn("/services");
        List<String> pages = List.of(
                "/", "/?range=7d", "/?route=" + "x".repeat(300),
                "/services", "/services/" + serviceId, "/services/new", "/services/" + serviceId + "/edit",
                "/services/" + serviceId + "/delete",
                "/routes", "/routes/new", "/routes/" + routeId, "/routes/" + routeId + "/delete",
                "/consumers", "/consumers/new", "/consumers/" + consumerId, "/consumers/" + consumerId + "/edit",
                "/consumers/" + consumerId + "/delete",
                "/consumers/" + consumerId + "/keys/" + keyId + "/rotate",
                "/consumers/" + consumerId + "/keys/" + keyId + "/revoke",
                "/plans", "/plans/new", "/plans/" + planId, "/plans/" + planId + "/delete",
                "/policies", "/policies/new", "/policies/new?type=rate-limit", "/policies/" + policyId,
                "/policies/" + policyId + "/delete",
                "/logs", "/logs?route=" + callRoute, "/logs/" + callRoute + "-req-0", "/logs?status=abc",
                "/logs/" + compositeRoute + "-composite",
                "/nodes", "/users/sign-ins", "/users", "/users/new",
                "/users/" + AdminIntegrationTest.ADMIN_USER + "/edit",
                "/users/" + AdminIntegrationTest.ADMIN_USER + "/password", "/tokens", "/audit",
                "/audit?action=nope", "/audit/" + auditId,
                "/config/history", "/config/history?from=nope", "/config/history/" + revision,
                "/config/history/diff?from=" + Math.max(0, revision - 5) + "&to=" + revision,
                "/config/transfer", "/config/history/" + Math.max(0, revision - 1) + "/rollback", "/config/history/diff?from=abc&to=99999999",
                "/services/" + UUID.randomUUID());
        for (String page : pages) {
            console.open(page);
            check(page, script, violations);
        }

        // Forms as they come back with errors beside the fields.
        console.open("/services/new");
        browser.findElement(By.id("save")).click();
        console.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        check("/services/new (refused)", script, violations);

        // The page that shows a newly issued key once.
        console.open("/consumers/" + consumerId);
        browser.findElement(By.id("issue-key-submit")).click();
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("key-panel")));
        check("issued key", script, violations);
        String key = browser.findElement(By.id("issued-key")).getText().strip();
        // Reloading that page issues nothing and shows the key no more.
        int held = keys.list(consumerId).size();
        browser.navigate().refresh();
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("key-shown")));
        assertThat(browser.getPageSource()).doesNotContain(key);
        assertThat(keys.list(consumerId)).hasSize(held);
        check("issued key, reloaded", script, violations);

        assertThat(violations).as(() -> "serious or critical axe-core violations:\n" + report(violations)).isEmpty();
    }

    /** Injects axe (once per page: a new page has none) and records the page's serious and critical violations. */
    private void check(String page, String script, Map<String, List<String>> violations) {
        WebDriver browser = console.driver();
        // Charts draw after the page's load event; check them drawn.
        if (!browser.findElements(By.cssSelector("[data-chart]")).isEmpty()) {
            console.waitFor(d -> d.findElements(By.cssSelector("[data-chart]")).size()
                    == d.findElements(By.cssSelector("[data-chart-ready]")).size());
        }
        console.driver().executeScript(script);
        @SuppressWarnings("unchecked")
        List<Object> found = (List<Object>) console.driver().executeAsyncScript(RUN_AXE);
        List<String> lines = new ArrayList<>();
        found.forEach(line -> lines.add(String.valueOf(line)));
        if (!lines.isEmpty()) {
            violations.put(page + " (" + browser.getTitle() + ")", lines);
        }
    }

    private static String report(Map<String, List<String>> violations) {
        StringBuilder text = new StringBuilder();
        violations.forEach((page, lines) -> {
            text.append(page).append('\n');
            lines.forEach(line -> text.append("  - ").append(line).append('\n'));
        });
        return text.toString();
    }

    private static String axeScript() {
        try (InputStream in = AccessibilityBrowserIntegrationTests.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core on the test classpath (%s)", AXE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
