package dev.gatehouse.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestGateway;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traffic policies end to end: every policy is configured only through the admin REST API (real HTTP with the
 * admin token), and a runtime node process started from the runtime jar enforces it against a real upstream
 * that echoes what it received. One admin context (the shared one), one node, one upstream for all tests; each
 * test removes the policies it created, so the shared database is left as it was found.
 */
@AdminIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEndToEndIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REVISION_GAUGE = Pattern.compile("(?m)^gatehouse_config_revision(?:\\{[^}]*})? (\\S+)$");
    private static final String ORIGIN = "https://app.pe2e.test";

    @LocalServerPort
    int port;

    private EchoUpstream upstream;
    private TestGateway gateway;
    private final List<String> policies = new ArrayList<>();

    @BeforeAll
    void startNode() {
        upstream = new EchoUpstream("pe2e-upstream");
        gateway = TestGateway.start(adminUrl());
        created(api("POST", "/api/v1/services", """
                {"name": "pe2e-svc", "targets": [{"host": "127.0.0.1", "port": %d}]}
                """.formatted(upstream.port())));
        created(api("POST", "/api/v1/routes", """
                {"name": "pe2e-open", "service": "pe2e-svc", "paths": ["/pe2e/open"], "auth": "none"}
                """));
        created(api("POST", "/api/v1/routes", """
                {"name": "pe2e-orders", "service": "pe2e-svc", "paths": ["/v1/orders"], "auth": "none"}
                """));
        created(api("POST", "/api/v1/routes", """
                {"name": "pe2e-keyed", "service": "pe2e-svc", "paths": ["/pe2e/keyed"], "auth": "key"}
                """));
        awaitApplied();
    }

    @AfterEach
    void deletePolicies() {
        for (String policy : policies) {
            int status = api("DELETE", "/api/v1/policies/" + policy, null).statusCode();
            assertThat(status).as("delete policy " + policy).isIn(204, 404);
        }
        policies.clear();
    }

    @AfterAll
    void stopNode() {
        if (gateway != null) gateway.close();
        if (upstream != null) upstream.close();
        for (String path : List.of("/api/v1/consumers/pe2e-partner", "/api/v1/consumers/pe2e-other",
                "/api/v1/plans/pe2e-plan", "/api/v1/routes/pe2e-open", "/api/v1/routes/pe2e-orders",
                "/api/v1/routes/pe2e-keyed", "/api/v1/services/pe2e-svc")) {
            api("DELETE", path, null);
        }
    }

    @Test
    void ipDenyIsEnforcedThenDisabledThenDeletedThroughTheApi() {
        String deny = """
                {"name": "pe2e-deny-local", "enabled": %s, "scope": "route", "route": "pe2e-open",
                 "config": {"type": "ip-restriction", "deny": ["127.0.0.1"]}}
                """;
        policy(deny.formatted("true"));
        HttpResponse<String> refused = await(() -> send(get("/pe2e/open/a")), r -> r.statusCode() == 403);
        assertProblem(refused, 403, "ip_forbidden");
        long before = upstream.requests();
        assertProblem(send(get("/pe2e/open/b")), 403, "ip_forbidden");
        assertThat(upstream.requests()).as("a refused call never reaches the upstream").isEqualTo(before);
        assertThat(send(get("/v1/orders/1")).statusCode()).as("other routes are not restricted").isEqualTo(200);

        assertThat(api("PUT", "/api/v1/policies/pe2e-deny-local", deny.formatted("false")).statusCode())
                .isEqualTo(200);
        assertThat(await(() -> send(get("/pe2e/open/c")), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);

        assertThat(api("DELETE", "/api/v1/policies/pe2e-deny-local", null).statusCode()).isEqualTo(204);
        awaitApplied();
        assertThat(send(get("/pe2e/open/d")).statusCode()).isEqualTo(200);
    }

    @Test
    void routeTransformOverridesServiceTransformAndTheEffectivePoliciesSayWhy() {
        policy("""
                {"name": "pe2e-svc-transform", "scope": "service", "service": "pe2e-svc",
                 "config": {"type": "transform", "request": {"set": {"X-Policy": "service"}, "remove": ["X-Drop"]}}}
                """);
        JsonNode viaService = await(() -> echo(get("/v1/orders/42")),
                e -> "service".equals(header(e, "x-policy")));
        assertThat(viaService.get("path").asString()).isEqualTo("/v1/orders/42");

        policy("""
                {"name": "pe2e-route-transform", "scope": "route", "route": "pe2e-orders",
                 "config": {"type": "transform",
                            "request": {"set": {"X-Policy": "route", "X-Env": "e2e"}},
                            "response": {"set": {"X-Served-By": "pe2e"}},
                            "pathRewrite": {"from": "/v1/orders/{id}", "to": "/orders/{id}"}}}
                """);
        HttpResponse<String> rewritten = await(() -> send(get("/v1/orders/42?x=1", "X-Drop", "kept")),
                r -> "route".equals(header(JSON.readTree(r.body()), "x-policy")));
        JsonNode seen = JSON.readTree(rewritten.body());
        assertThat(seen.get("path").asString()).isEqualTo("/orders/42");
        assertThat(seen.get("query").asString()).isEqualTo("x=1");
        assertThat(header(seen, "x-env")).isEqualTo("e2e");
        assertThat(header(seen, "x-drop")).as("the service's transform no longer applies").isEqualTo("kept");
        assertThat(rewritten.headers().firstValue("X-Served-By")).hasValue("pe2e");
        JsonNode unmatched = echo(get("/v1/orders/42/items"));
        assertThat(unmatched.get("path").asString()).as("no rewrite when the template does not match")
                .isEqualTo("/v1/orders/42/items");

        JsonNode sibling = echo(get("/pe2e/open/z", "X-Drop", "gone"));
        assertThat(header(sibling, "x-policy")).as("another route of the service").isEqualTo("service");
        assertThat(header(sibling, "x-drop")).isNull();
        assertThat(sibling.get("path").asString()).isEqualTo("/pe2e/open/z");

        JsonNode effective = effective("pe2e-orders", null, "transform");
        assertThat(effective.get("scope").asString()).isEqualTo("route");
        assertThat(effective.get("policyName").asString()).isEqualTo("pe2e-route-transform");
        assertThat(effective.get("config").get("pathRewrite").get("to").asString()).isEqualTo("/orders/{id}");
        JsonNode siblingEffective = effective("pe2e-open", null, "transform");
        assertThat(siblingEffective.get("scope").asString()).isEqualTo("service");
        assertThat(siblingEffective.get("policyName").asString()).isEqualTo("pe2e-svc-transform");
    }

    @Test
    void largeBodiesAreRefusedWith413AndCorsPreflightsOfAKeyRouteAreAnsweredByTheGateway() {
        policy("""
                {"name": "pe2e-size", "scope": "route", "route": "pe2e-open",
                 "config": {"type": "request-size", "maxBytes": 1024}}
                """);
        HttpResponse<String> tooLarge = await(() -> send(post("/pe2e/open/upload", new byte[4096], true)),
                r -> r.statusCode() == 413);
        assertProblem(tooLarge, 413, "request_too_large");
        long before = upstream.requests();
        assertProblem(send(post("/pe2e/open/upload", new byte[4096], true)), 413, "request_too_large");
        assertThat(upstream.requests()).as("a declared large body never reaches the upstream").isEqualTo(before);
        assertProblem(send(post("/pe2e/open/streamed", new byte[4096], false)), 413, "request_too_large");
        assertThat(send(post("/pe2e/open/upload", new byte[512], true)).statusCode()).isEqualTo(200);

        policy("""
                {"name": "pe2e-cors", "scope": "route", "route": "pe2e-keyed",
                 "config": {"type": "cors", "allowOrigins": ["%s"], "allowMethods": ["GET", "POST"],
                            "allowHeaders": ["X-API-Key", "Content-Type"], "allowCredentials": true,
                            "maxAgeSeconds": 600}}
                """.formatted(ORIGIN));
        HttpResponse<String> preflight = await(() -> send(preflight(ORIGIN, "POST", "X-API-Key")),
                r -> r.statusCode() == 204);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).containsIgnoringCase("X-API-Key"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        before = upstream.requests();
        assertProblem(send(preflight("https://evil.pe2e.test", "POST", "X-API-Key")), 403, "cors_forbidden");
        assertThat(upstream.requests()).as("pre-flights are answered by the gateway").isEqualTo(before);

        HttpResponse<String> noKey = send(get("/pe2e/keyed/x", "Origin", ORIGIN));
        assertProblem(noKey, 401, null);
        assertThat(noKey.headers().firstValue("Access-Control-Allow-Origin"))
                .as("the gateway's own errors carry the policy's CORS headers").hasValue(ORIGIN);
    }

    @Test
    void consumerRequestSizeBeatsTheGlobalOneAndPlanTransformsReachTheUpstream() {
        created(api("POST", "/api/v1/plans", "{\"name\": \"pe2e-plan\"}"));
        created(api("POST", "/api/v1/consumers", "{\"name\": \"pe2e-partner\", \"plan\": \"pe2e-plan\"}"));
        created(api("POST", "/api/v1/consumers", "{\"name\": \"pe2e-other\"}"));
        String partnerKey = key("pe2e-partner");
        String otherKey = key("pe2e-other");
        policy("""
                {"name": "pe2e-global-size", "scope": "global",
                 "config": {"type": "request-size", "maxBytes": 1024}}
                """);
        policy("""
                {"name": "pe2e-partner-size", "scope": "consumer", "consumer": "pe2e-partner",
                 "config": {"type": "request-size", "maxBytes": 65536}}
                """);
        policy("""
                {"name": "pe2e-plan-transform", "scope": "plan", "plan": "pe2e-plan",
                 "config": {"type": "transform", "request": {"set": {"X-Plan": "pe2e-plan"}}}}
                """);
        byte[] body = new byte[8192];
        HttpResponse<String> partner = await(() -> send(post("/pe2e/keyed/upload", body, true, "X-API-Key", partnerKey)),
                r -> r.statusCode() == 200 && "pe2e-plan".equals(header(JSON.readTree(r.body()), "x-plan")));
        JsonNode seen = JSON.readTree(partner.body());
        assertThat(header(seen, "x-consumer-name")).isEqualTo("pe2e-partner");
        assertThat(header(seen, "x-plan")).isEqualTo("pe2e-plan");

        assertProblem(await(() -> send(post("/pe2e/keyed/upload", body, true, "X-API-Key", otherKey)),
                r -> r.statusCode() == 413), 413, "request_too_large");
        assertProblem(send(post("/pe2e/open/upload", body, true)), 413, "request_too_large");
        JsonNode other = echo(post("/pe2e/keyed/small", new byte[100], true, "X-API-Key", otherKey));
        assertThat(header(other, "x-plan")).as("the plan's transform is for its consumers only").isNull();

        JsonNode forPartner = effective("pe2e-keyed", "pe2e-partner", "request-size");
        assertThat(forPartner.get("scope").asString()).isEqualTo("consumer");
        assertThat(forPartner.get("config").get("maxBytes").asLong()).isEqualTo(65536);
        assertThat(effective("pe2e-keyed", "pe2e-partner", "transform").get("scope").asString()).isEqualTo("plan");
        JsonNode forOther = effective("pe2e-keyed", "pe2e-other", "request-size");
        assertThat(forOther.get("scope").asString()).isEqualTo("global");
        assertThat(effective("pe2e-keyed", null, "request-size").get("policyName").asString())
                .isEqualTo("pe2e-global-size");

        // An update of the consumer's policy reaches the node's per-consumer cache ...
        assertThat(api("PUT", "/api/v1/policies/pe2e-partner-size", """
                {"scope": "consumer", "consumer": "pe2e-partner", "config": {"type": "request-size", "maxBytes": 4096}}
                """).statusCode()).isEqualTo(200);
        assertProblem(await(() -> send(post("/pe2e/keyed/upload", body, true, "X-API-Key", partnerKey)),
                r -> r.statusCode() == 413), 413, "request_too_large");
        assertThat(send(post("/pe2e/keyed/upload", new byte[2048], true, "X-API-Key", partnerKey)).statusCode())
                .as("4096 bytes for the partner, still above the global 1024").isEqualTo(200);
        // ... and a route+consumer policy beats the consumer's own.
        policy("""
                {"name": "pe2e-partner-keyed-size", "scope": "route-consumer", "route": "pe2e-keyed",
                 "consumer": "pe2e-partner", "config": {"type": "request-size", "maxBytes": 16384}}
                """);
        await(() -> send(post("/pe2e/keyed/upload", body, true, "X-API-Key", partnerKey)), r -> r.statusCode() == 200);
        assertThat(effective("pe2e-keyed", "pe2e-partner", "request-size").get("scope").asString())
                .isEqualTo("route-consumer");
    }

    // --- admin API -------------------------------------------------------------------------------------------

    private String adminUrl() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /** Creates a policy through the API and remembers it for deletion after the test. */
    private void policy(String json) {
        HttpResponse<String> response = created(api("POST", "/api/v1/policies", json));
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/policies/" + body.get("id").asString()));
        policies.add(body.get("name").asString());
    }

    private String key(String consumer) {
        return JSON.readTree(created(api("POST", "/api/v1/consumers/" + consumer + "/keys", "{}")).body())
                .get("key").asString();
    }

    /** The effective policy of one type on a route (for one consumer when given), as the admin reports it. */
    private JsonNode effective(String route, String consumer, String type) {
        HttpResponse<String> response = api("GET", "/api/v1/routes/" + route + "/effective-policies"
                + (consumer == null ? "" : "?consumer=" + consumer), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode entry : JSON.readTree(response.body()).get("policies")) {
            if (entry.get("type").asString().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no effective " + type + " policy in " + response.body());
    }

    /** Waits until the node serves the admin's current revision (its {@code gatehouse_config_revision} gauge). */
    private void awaitApplied() {
        long wanted;
        try {
            wanted = AdminApi.revision();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String metrics = "http://127.0.0.1:" + gateway.node().managementPort() + "/actuator/prometheus";
        await(() -> send(HttpRequest.newBuilder(URI.create(metrics)).timeout(Duration.ofSeconds(5))),
                r -> appliedRevision(r) >= wanted);
    }

    private static long appliedRevision(HttpResponse<String> metrics) {
        Matcher m = REVISION_GAUGE.matcher(metrics.statusCode() == 200 ? metrics.body() : "");
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    // --- calls through the node ------------------------------------------------------------------------------

    private HttpRequest.Builder get(String path, String... headers) {
        return withHeaders(HttpRequest.newBuilder(URI.create(gateway.url(path))).GET(), headers);
    }

    /** A POST with a {@code Content-Length} ({@code sized}) or streamed chunked (length unknown). */
    private HttpRequest.Builder post(String path, byte[] body, boolean sized, String... headers) {
        HttpRequest.BodyPublisher publisher = sized ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return withHeaders(HttpRequest.newBuilder(URI.create(gateway.url(path))).POST(publisher)
                .header("Content-Type", "application/octet-stream"), headers);
    }

    private HttpRequest.Builder preflight(String origin, String method, String headers) {
        return HttpRequest.newBuilder(URI.create(gateway.url("/pe2e/keyed/orders")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers);
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** What the upstream received for a call that must succeed. */
    private JsonNode echo(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String header(JsonNode echoed, String name) {
        JsonNode headers = echoed.get("headers");
        JsonNode value = headers == null ? null : headers.get(name);
        return value == null ? null : value.asString();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Repeats a call until its answer satisfies {@code done} (the node applies a change moments after the admin
     * made it), at most {@link TestGateway#APPLY_WAIT}; fails with the last answer otherwise.
     */
    private static <T> T await(Supplier<T> call, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(TestGateway.APPLY_WAIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        last.set(call.get());
                        return done.test(last.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not as expected within " + TestGateway.APPLY_WAIT + ": "
                    + describe(last.get()), e);
        }
        return last.get();
    }

    private static String describe(Object answer) {
        return answer instanceof HttpResponse<?> r ? r.statusCode() + " " + r.body() : String.valueOf(answer);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (code != null) {
            assertThat(problem.get("code").asString()).isEqualTo(code);
        }
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }
}
