package dev.gatehouse.runtime.composite;

import static dev.gatehouse.runtime.support.Specs.composite;
import static dev.gatehouse.runtime.support.Specs.compositeRoute;
import static dev.gatehouse.runtime.support.Specs.routePolicy;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.step;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.HeaderTransform;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.EchoUpstream;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.ScriptedUpstream;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Composite routes through the shared main node against the echo upstream (real sockets): steps in parallel and in
 * dependency order, the shape of the answer, failures of required and optional steps, timeouts and the deadline,
 * size limits, answers that are not JSON, missing client input, authentication applied once, the target guard, the
 * retry and breaker policies of a step's service, and the call records of the call and its steps.
 */
@MainNode.Test
class CompositeIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ConsumerSpec CALLER = Specs.consumer("cx-caller", "buyers");
    private static IssuedKey key;
    private static ScriptedUpstream flaky;
    private static ScriptedUpstream broken;

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();
    private final EchoUpstream echo = Upstreams.echo();

    @BeforeEach
    void compositeRoutes() {
        synchronized (CompositeIntegrationTests.class) {
            if (key != null) {
                return;
            }
            ServiceSpec users = service("cx-users", "/base", 2_000, 30_000, target(echo.port()));
            ServiceSpec orders = service("cx-orders", target(echo.port()));
            ServiceSpec self = service("cx-self", target(port));
            key = Specs.issue(CALLER);
            flaky = ScriptedUpstream.start();
            flaky.mode(ScriptedUpstream.Mode.JSON);
            broken = ScriptedUpstream.start();
            broken.mode(ScriptedUpstream.Mode.FAIL);
            ServiceSpec flakyService = service("cx-flaky", target(flaky.port()));
            ServiceSpec brokenService = service("cx-broken", target(broken.port()));
            List<ConfigEntity> all = new ArrayList<>(List.of(users, orders, self, flakyService, brokenService, CALLER,
                    key.spec()));
            // the service's policies apply to the steps that call it
            all.add(new PolicySpec("pol-cx-retry", "cx-retry", true, PolicyScope.SERVICE, flakyService.id(), null,
                    null, null, new RetryPolicy(3, null, List.of(), 0)));
            all.add(new PolicySpec("pol-cx-breaker", "cx-breaker", true, PolicyScope.SERVICE, brokenService.id(),
                    null, null, null, new CircuitBreakerPolicy(50, 2, 2, 60_000, 1)));
            all.add(compositeRoute("cx-retried", composite(step("flaky", flakyService, "/flaky")))
                    .paths("/cx/retried").build());
            all.add(compositeRoute("cx-breaker", composite(step("ok", users, "/ok"),
                    step("broken", brokenService, "/broken").optional())).paths("/cx/breaker").build());
            all.add(compositeRoute("cx-parallel", composite(
                    step("a", users, "/a").query("echo.delay", "300"),
                    step("b", orders, "/b").query("echo.delay", "300"),
                    step("c", orders, "/c").query("echo.delay", "300"))).paths("/cx/parallel").build());
            all.add(compositeRoute("cx-chain", composite(
                    step("user", users, "/users/{path.2}").query("id", "{path.2}"),
                    step("orders", orders, "/orders/{step.user/query}").dependsOn("user")
                            .header("X-User-Path", "{step.user/path}"))).paths("/cx/chain").build());
            all.add(compositeRoute("cx-shape", composite(
                    step("product", users, "/products/{query.id}").field("/path", "where").field("/method", null)
                            .field("/nothing/here", "absent"),
                    step("extra", orders, "/extra").merge().field("/path", "extraPath"),
                    step("whole", orders, "/whole").merge())).paths("/cx/shape").build());
            all.add(compositeRoute("cx-required", composite(
                    step("ok", users, "/ok"),
                    step("bad", orders, "/bad").query("echo.status", "503"))).paths("/cx/required").build());
            all.add(compositeRoute("cx-optional", composite(
                    step("ok", users, "/ok"),
                    step("bad", orders, "/bad").query("echo.status", "500").optional(),
                    step("after", orders, "/cx-optional-after").dependsOn("bad").optional())).paths("/cx/optional").build());
            all.add(compositeRoute("cx-step-timeout", composite(
                    step("quick", users, "/quick"),
                    step("slow", orders, "/slow-step").query("echo.delay", "3000").timeoutMs(200)))
                    .paths("/cx/step-timeout").build());
            all.add(compositeRoute("cx-deadline", composite(300, 0, 0,
                    step("slow", orders, "/slow-step").query("echo.delay", "3000"))).paths("/cx/deadline").build());
            all.add(compositeRoute("cx-step-size", composite(0, 2_000, 0,
                    step("small", users, "/small"),
                    step("big", orders, "/big").query("echo.pad", "50000"))).paths("/cx/step-size").build());
            all.add(compositeRoute("cx-declared-size", composite(0, 100, 0,
                    step("sized", orders, "/sized"))).paths("/cx/declared-size").build());
            all.add(compositeRoute("cx-pointer", composite(
                    step("first", users, "/first"),
                    step("second", orders, "/second/{step.first/nothing/here}").dependsOn("first")))
                    .paths("/cx/pointer").build());
            all.add(compositeRoute("cx-total-size", composite(0, 0, 1_500,
                    step("one", users, "/one").query("echo.pad", "900"),
                    step("two", orders, "/two").query("echo.pad", "900"))).paths("/cx/total-size").build());
            all.add(compositeRoute("cx-not-json", composite(
                    step("text", orders, "/text").query("echo.type", "text/plain"),
                    step("broken", orders, "/broken").query("echo.broken", "1").optional()))
                    .paths("/cx/not-json").build());
            all.add(compositeRoute("cx-input", composite(
                    step("find", orders, "/find").query("id", "{query.id}").header("X-Tenant", "{header.X-Tenant}")))
                    .paths("/cx/input").build());
            all.add(compositeRoute("cx-keyed", composite(
                    step("who", orders, "/cx-keyed-who"))).paths("/cx/keyed").keyAuth().build());
            all.add(compositeRoute("cx-upload", composite(
                    step("store", orders, "/store").method("POST").passBody(),
                    step("peek", users, "/peek"))).paths("/cx/upload").methods("POST").build());
            all.add(compositeRoute("cx-guarded", composite(
                    step("self", self, "/loop"))).paths("/cx/guarded").build());
            var transformed = compositeRoute("cx-transformed", composite(step("a", orders, "/a")))
                    .paths("/cx/transformed").build();
            all.add(transformed);
            all.add(routePolicy("cx-transform", transformed, new TransformPolicy(null,
                    new HeaderTransform(null, Map.of("X-Composite", "yes"), List.of(), null), null)));
            long revision = admin.upsert(all.toArray(ConfigEntity[]::new));
            await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
        }
    }

    private Response get(String target, String... headers) {
        return RawHttp.send(port, "GET", target, headers);
    }

    @Test
    void stepsWithoutDependenciesRunInParallel() {
        long start = System.nanoTime();
        Response response = get("/cx/parallel");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Gatehouse-Partial")).isNull();
        JsonNode body = response.json();
        assertThat(body.at("/a/path").asString()).isEqualTo("/base/a");
        assertThat(body.at("/b/path").asString()).isEqualTo("/b");
        assertThat(body.at("/c/query").asString()).isEqualTo("echo.delay=300");
        // three steps of 300 ms each: about as long as the slowest, far less than their sum (900 ms)
        assertThat(elapsedMs).isBetween(300L, 750L);
    }

    @Test
    void aDependentStepUsesAnEarlierAnswerAndEveryStepGetsTheRequestIdButNotTheClientsHeaders() {
        Response response = get("/cx/chain/42", "X-Request-Id", "cx-chain-1", "X-Secret", "s3cret");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("cx-chain-1");
        JsonNode body = response.json();
        assertThat(body.at("/user/path").asString()).isEqualTo("/base/users/42");
        assertThat(body.at("/user/query").asString()).isEqualTo("id=42");
        assertThat(body.at("/orders/path").asString()).as("one segment, encoded").isEqualTo("/orders/id%3D42");
        assertThat(body.at("/orders/headers/x-user-path/0").asString()).isEqualTo("/base/users/42");
        assertThat(body.at("/orders/headers/x-request-id/0").asString()).isEqualTo("cx-chain-1");
        assertThat(body.at("/user/headers/x-secret").isMissingNode()).isTrue();
        assertThat(body.at("/user/headers/x-consumer-id").isMissingNode()).isTrue();
    }

    @Test
    void fieldsAreSelectedAndRenamedAndMergedStepsJoinTheTopLevel() {
        Response response = get("/cx/shape?id=k%2F1");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("product").propertyNames()).containsExactly("where", "method");
        assertThat(body.at("/product/where").asString()).isEqualTo("/base/products/k%2F1");
        assertThat(body.at("/product/method").asString()).isEqualTo("GET");
        assertThat(body.get("extraPath").asString()).isEqualTo("/extra");
        assertThat(body.get("path").asString()).as("the whole answer merged").isEqualTo("/whole");
        assertThat(body.has("crc32")).isTrue();
        assertThat(body.has("extra")).isFalse();
    }

    @Test
    void aRequiredStepThatFailsFailsTheCallNamingTheStep() {
        Response response = get("/cx/required");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("composite_step_failed");
        assertThat(problem.get("step").asString()).isEqualTo("bad");
        assertThat(problem.get("detail").asString()).contains("'bad'", "answered 503");
    }

    @Test
    void optionalStepsThatFailLeaveAPartialAnswerWithTheirErrors() {
        Response response = get("/cx/optional");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Gatehouse-Partial")).isEqualTo("true");
        JsonNode body = response.json();
        assertThat(body.at("/ok/path").asString()).isEqualTo("/base/ok");
        assertThat(body.has("bad")).isFalse();
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.at("/errors/0/step").asString()).isEqualTo("bad");
        assertThat(body.at("/errors/0/status").asInt()).isEqualTo(500);
        assertThat(body.at("/errors/0/reason").asString()).isEqualTo("answered 500");
        assertThat(body.at("/errors/1/step").asString()).isEqualTo("after");
        assertThat(body.at("/errors/1/reason").asString()).isEqualTo("depends on failed step 'bad'");
        assertThat(echo.requests("/cx-optional-after")).as("a step after a failed one is not sent").isZero();
    }

    @Test
    void aStepOverItsTimeoutIs504AndSoIsTheRoutesDeadline() {
        long start = System.nanoTime();
        Response stepTimeout = get("/cx/step-timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).as("not the upstream's 3 s").isLessThan(2_500);
        assertThat(stepTimeout.status()).isEqualTo(504);
        assertThat(stepTimeout.json().get("code").asString()).isEqualTo("composite_step_timeout");
        assertThat(stepTimeout.json().get("step").asString()).isEqualTo("slow");
        assertThat(stepTimeout.json().get("detail").asString()).contains("timeout of 200 ms");

        Response deadline = get("/cx/deadline");
        assertThat(deadline.status()).isEqualTo(504);
        assertThat(deadline.json().get("detail").asString()).contains("deadline");
    }

    @Test
    void aStepAnswerOverItsLimitAndAnAssembledAnswerOverItsLimitAreRefused() {
        Response step = get("/cx/step-size");
        assertThat(step.status()).isEqualTo(502);
        assertThat(step.json().get("step").asString()).isEqualTo("big");
        assertThat(step.json().get("detail").asString()).contains("longer than the 2000 bytes");

        Response total = get("/cx/total-size");
        assertThat(total.status()).isEqualTo(502);
        assertThat(total.json().get("code").asString()).isEqualTo("composite_response_too_large");
    }

    @Test
    void anAnswerWhoseDeclaredLengthIsOverTheLimitIsNotRead() {
        Response response = get("/cx/declared-size");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("detail").asString()).contains("longer than the 100 bytes");
    }

    @Test
    void aValueMissingFromAnEarlierAnswerFailsTheStepThatNeedsItNamingThePointer() {
        Response response = get("/cx/pointer");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("step").asString()).isEqualTo("second");
        assertThat(response.json().get("detail").asString()).contains("{step.first/nothing/here}",
                "has nothing at /nothing/here");
    }

    @Test
    void anAnswerThatIsNotJsonFailsItsStep() {
        Response response = get("/cx/not-json");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("step").asString()).isEqualTo("text");
        assertThat(response.json().get("detail").asString()).contains("answer is not JSON (Content-Type: text/plain");
    }

    @Test
    void aVariableMissingFromTheRequestIsA400NamingIt() {
        Response missing = get("/cx/input?id=7");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("composite_missing_input");
        assertThat(missing.json().get("variable").asString()).isEqualTo("{header.X-Tenant}");
        assertThat(echo.requests("/find")).as("no step is sent").isZero();

        Response complete = get("/cx/input?id=7", "X-Tenant", "acme");
        assertThat(complete.status()).isEqualTo(200);
        assertThat(complete.json().at("/find/query").asString()).isEqualTo("id=7");
        assertThat(complete.json().at("/find/headers/x-tenant/0").asString()).isEqualTo("acme");
    }

    @Test
    void authenticationAppliesOnceToTheWholeCallAndStepsGetTheCallersIdentity() {
        assertThat(get("/cx/keyed").status()).isEqualTo(401);
        assertThat(echo.requests("/cx-keyed-who")).as("a refused call sends no step").isZero();

        Response keyed = get("/cx/keyed", "X-API-Key", key.key());
        assertThat(keyed.status()).isEqualTo(200);
        assertThat(keyed.json().at("/who/headers/x-consumer-id/0").asString()).isEqualTo(CALLER.id());
        assertThat(keyed.json().at("/who/headers/x-consumer-groups/0").asString()).isEqualTo("buyers");
        assertThat(keyed.json().at("/who/headers/x-api-key").isMissingNode()).isTrue();
        assertThat(echo.requests("/cx-keyed-who")).isEqualTo(1);
    }

    @Test
    void onlyTheBodyStepGetsTheClientsBody() {
        byte[] upload = "{\"item\": \"kettle\"}".getBytes(StandardCharsets.UTF_8);
        Response response = RawHttp.send(port, "POST", "/cx/upload", List.of("Content-Type", "application/json"),
                upload.length, out -> out.write(upload));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/store/method").asString()).isEqualTo("POST");
        assertThat(response.json().at("/store/bodyLength").asLong()).isEqualTo(upload.length);
        assertThat(response.json().at("/store/headers/content-type/0").asString()).isEqualTo("application/json");
        assertThat(response.json().at("/peek/bodyLength").asLong()).isZero();
    }

    @Test
    void stepsPassTheNodesTargetGuard() {
        Response response = get("/cx/guarded");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("detail").asString()).contains("target_forbidden");
    }

    @Test
    void aStepIsRetriedAsItsServicesRetryPolicySays() {
        flaky.resetNext(1);
        int before = flaky.connections();

        Response response = get("/cx/retried");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/flaky/ok").asBoolean()).isTrue();
        assertThat(flaky.connections() - before).as("reset once, then answered").isEqualTo(2);
    }

    @Test
    void aStepGoesThroughItsServicesCircuitBreaker() {
        for (int i = 0; i < 2; i++) {
            Response failing = get("/cx/breaker");
            assertThat(failing.status()).isEqualTo(200);
            assertThat(failing.json().at("/errors/0/reason").asString()).isEqualTo("answered 500");
        }
        int before = broken.connections();

        Response open = get("/cx/breaker");

        assertThat(open.status()).isEqualTo(200);
        assertThat(open.header("Gatehouse-Partial")).isEqualTo("true");
        assertThat(open.json().at("/errors/0/status").asInt()).isEqualTo(503);
        assertThat(open.json().at("/errors/0/reason").asString()).startsWith("circuit_open");
        assertThat(broken.connections()).as("an open breaker sends nothing").isEqualTo(before);
    }

    @Test
    void responsePoliciesApplyToTheAssembledAnswer() {
        Response response = get("/cx/transformed");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Composite")).isEqualTo("yes");
    }

    @Test
    void theCallAndEachStartedStepAreRecordedLinkedByTheRequestId() {
        String id = "cx-log-" + UUID.randomUUID();
        assertThat(get("/cx/chain/7", "X-Request-Id", id).status()).isEqualTo(200);
        String failedId = "cx-log-" + UUID.randomUUID();
        assertThat(get("/cx/step-size", "X-Request-Id", failedId).status()).isEqualTo(502);

        await().atMost(WAIT).until(() -> records(id).size() >= 3 && records(failedId).size() >= 3);
        Map<String, CallRecord> chain = records(id).stream()
                .collect(Collectors.toMap(r -> r.step() == null ? "call" : r.step(), Function.identity()));
        assertThat(chain).containsOnlyKeys("call", "user", "orders");
        CallRecord call = chain.get("call");
        assertThat(call.serviceId()).isNull();
        assertThat(call.routeName()).isEqualTo("cx-chain");
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.upstreamMicros()).isPositive().isLessThanOrEqualTo(call.latencyMicros());
        CallRecord user = chain.get("user");
        CallRecord orders = chain.get("orders");
        assertThat(user.routeName()).isEqualTo("cx-chain");
        assertThat(user.serviceName()).isEqualTo("cx-users");
        assertThat(user.path()).isEqualTo("/base/users/7");
        assertThat(user.method()).isEqualTo("GET");
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.bytesOut()).isPositive();
        assertThat(user.upstreamMicros()).isBetween(0L, user.latencyMicros());
        assertThat(orders.serviceName()).isEqualTo("cx-orders");
        assertThat(orders.path()).isEqualTo("/orders/id%3D7");
        assertThat(user.stepStartMicros()).isBetween(0L, call.latencyMicros());
        assertThat(orders.stepStartMicros()).as("after the step it depends on answered")
                .isGreaterThanOrEqualTo(user.stepStartMicros() + user.upstreamMicros())
                .isLessThanOrEqualTo(call.latencyMicros());
        assertThat(call.step()).isNull();

        Map<String, CallRecord> failed = records(failedId).stream()
                .collect(Collectors.toMap(r -> r.step() == null ? "call" : r.step(), Function.identity()));
        assertThat(failed.get("call").errorCode()).isEqualTo("composite_step_failed");
        assertThat(failed.get("big").errorCode()).isEqualTo("composite_step_too_large");
        assertThat(failed.get("big").bytesOut()).isLessThanOrEqualTo(2_000);
        // the step still running when the call failed, if any, is recorded as cancelled; else it answered
        assertThat(failed.get("small").errorCode()).isIn(null, "composite_step_cancelled");
    }

    private List<CallRecord> records(String requestId) {
        return admin.callBatches().stream().flatMap(batch -> batch.records().stream())
                .filter(record -> requestId.equals(record.requestId())).toList();
    }
}
