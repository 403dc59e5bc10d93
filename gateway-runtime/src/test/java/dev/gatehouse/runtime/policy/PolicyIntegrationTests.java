package dev.gatehouse.runtime.policy;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.routePolicy;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.CorsPolicy;
import dev.gatehouse.config.policy.HeaderTransform;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.config.policy.PathRewrite;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.ScriptedUpstream;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every runtime policy through the shared node against real upstreams: the echo upstream, and scripted upstreams
 * that reset connections or fail on demand. Each policy sits on a route of its own, added to the base configuration.
 */
@MainNode.Test
class PolicyIntegrationTests {

    private static final ConsumerSpec PARTNER = Specs.consumer("pol-partner");
    private static final ConsumerSpec OTHER = Specs.consumer("pol-other");
    private static final IssuedKey PARTNER_KEY = Specs.issue(PARTNER);
    private static final IssuedKey OTHER_KEY = Specs.issue(OTHER);

    private static ScriptedUpstream retried;
    private static ScriptedUpstream breaking;
    private static long revision;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void addPolicies() {
        retried = ScriptedUpstream.start();
        breaking = ScriptedUpstream.start();
        ServiceSpec echo = service("pol-echo", target(Upstreams.echo().port()));
        ServiceSpec flaky = service("pol-flaky", target(retried.port()));
        ServiceSpec broken = service("pol-broken", "", 1_000, 5_000, target(breaking.port()));
        List<ConfigEntity> all = new ArrayList<>(List.of(echo, flaky, broken));

        RouteSpec deny = route("pol-ip-deny", echo).paths("/pol/ip-deny").build();
        RouteSpec allow = route("pol-ip-allow", echo).paths("/pol/ip-allow").build();
        RouteSpec elsewhere = route("pol-ip-elsewhere", echo).paths("/pol/ip-elsewhere").build();
        RouteSpec cors = route("pol-cors", echo).paths("/pol/cors").keyAuth().build();
        RouteSpec size = route("pol-size", echo).paths("/pol/size").build();
        RouteSpec transform = route("pol-transform", echo).paths("/pol/xf").stripPrefix().build();
        RouteSpec timeout = route("pol-timeout", echo).paths("/pol/timeout").build();
        RouteSpec retry = route("pol-retry", flaky).paths("/pol/retry").build();
        RouteSpec breaker = route("pol-breaker", broken).paths("/pol/breaker").build();
        RouteSpec partners = route("pol-partners", echo).paths("/pol/partners").keyAuth().build();
        RouteSpec corsDenied = route("pol-cors-denied", echo).paths("/pol/cors-denied").build();
        all.addAll(List.of(deny, allow, elsewhere, cors, size, transform, timeout, retry, breaker, partners,
                corsDenied));
        all.add(routePolicy("cors-denied-cors", corsDenied, new CorsPolicy(List.of("https://app.test"), null, null,
                null, false, 0)));
        all.add(routePolicy("cors-denied-ip", corsDenied, new IpRestrictionPolicy(List.of(), List.of("127.0.0.0/8"))));
        all.addAll(List.of(PARTNER, OTHER, PARTNER_KEY.spec(), OTHER_KEY.spec()));
        // consumer-dependent policies: a larger body limit and a tier header for one consumer on one route
        all.add(routePolicy("partners-size", partners, new RequestSizePolicy(10)));
        all.add(new PolicySpec("pol-partner-size", "partner-size", true, PolicyScope.ROUTE_CONSUMER, null,
                partners.id(), PARTNER.id(), null, new RequestSizePolicy(1_000)));
        all.add(new PolicySpec("pol-partner-tier", "partner-tier", true, PolicyScope.CONSUMER, null, null,
                PARTNER.id(), null, new TransformPolicy(new HeaderTransform(null, Map.of("X-Tier", "gold"), null,
                null), null, null)));

        all.add(routePolicy("ip-deny", deny, new IpRestrictionPolicy(List.of(), List.of("127.0.0.0/8", "::1"))));
        all.add(routePolicy("ip-allow", allow, new IpRestrictionPolicy(List.of("127.0.0.1/32"), List.of())));
        all.add(routePolicy("ip-elsewhere", elsewhere,
                new IpRestrictionPolicy(List.of("203.0.113.0/24", "2001:db8::/32"), List.of())));
        all.add(routePolicy("cors", cors, new CorsPolicy(List.of("https://*.example.com", "https://app.test"),
                List.of("GET", "POST"), List.of("X-API-Key", "Content-Type"), List.of("X-Request-Id"), true, 600)));
        all.add(routePolicy("size", size, new RequestSizePolicy(100)));
        all.add(routePolicy("transform", transform, new TransformPolicy(
                new HeaderTransform(Map.of("X-Added", "a"), Map.of("X-Env", "test"), List.of("X-Drop"),
                        Map.of("X-Old", "X-New")),
                new HeaderTransform(Map.of("X-Resp-Added", "r"), Map.of("X-Resp", "yes"), List.of(), Map.of()),
                new PathRewrite("/pol/xf/v1/orders/{id}", "/orders/{id}/detail"))));
        all.add(routePolicy("timeout", timeout, new TimeoutPolicy(1_000, 500)));
        all.add(routePolicy("retry", retry, new RetryPolicy(3, null, List.of(), 0)));
        all.add(routePolicy("breaker", breaker, new CircuitBreakerPolicy(50, 4, 4, 1_500, 1)));
        revision = MainNode.admin().upsert(all.toArray(ConfigEntity[]::new));
    }

    @AfterAll
    static void stopUpstreams() throws Exception {
        retried.close();
        breaking.close();
    }

    @BeforeEach
    void awaitPolicies() {
        await("node applies the policies").atMost(Duration.ofSeconds(30)).until(() -> MainNode.admin().heartbeats()
                .stream().anyMatch(h -> h.appliedRevision() >= revision));
    }

    private Response get(String target, String... headers) {
        return RawHttp.send(port, "GET", target, headers);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void ipRestrictionDeniesAndAllowsByCidr() {
        assertProblem(get("/pol/ip-deny/x"), 403, "ip_forbidden");
        assertThat(get("/pol/ip-allow/x").status()).isEqualTo(200);
        assertProblem(RawHttp.sendFrom("127.0.0.42", port, "GET", "/pol/ip-allow/x"), 403, "ip_forbidden");
        assertProblem(get("/pol/ip-elsewhere/x"), 403, "ip_forbidden");
        // routes without the policy are untouched
        assertThat(get("/echo/x").status()).isEqualTo(200);
    }

    @Test
    void forgedForwardedForFromAnUntrustedPeerChangesNeitherTheRuleNorTheCallLogAddress() {
        Response forged = get("/pol/ip-elsewhere/x", "X-Forwarded-For", "203.0.113.9", "X-Request-Id",
                "spoof-ip-rule");
        assertProblem(forged, 403, "ip_forbidden");
        Response denied = get("/pol/ip-deny/x", "X-Forwarded-For", "198.51.100.1");
        assertProblem(denied, 403, "ip_forbidden");
        Response echoed = get("/echo/spoof", "X-Forwarded-For", "203.0.113.9", "X-Request-Id", "spoof-call-log");
        assertThat(echoed.json().get("headers").get("x-forwarded-for").get(0).asString()).isEqualTo("127.0.0.1");

        await("call records shipped").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<CallRecord> records = MainNode.admin().callBatches().stream()
                    .flatMap(batch -> batch.records().stream())
                    .filter(r -> r.requestId().startsWith("spoof-")).toList();
            assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.clientIp()).isEqualTo("127.0.0.1"));
        });
    }

    @Test
    void corsPreflightIsAnsweredByTheGatewayEvenOnAKeyRoute() {
        Response preflight = RawHttp.send(port, "OPTIONS", "/pol/cors/orders", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-api-key");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("600");

        assertProblem(RawHttp.send(port, "OPTIONS", "/pol/cors/orders", "Origin", "https://evil.test",
                "Access-Control-Request-Method", "POST"), 403, "cors_forbidden");
        assertProblem(RawHttp.send(port, "OPTIONS", "/pol/cors/orders", "Origin", "https://app.test",
                "Access-Control-Request-Method", "DELETE"), 403, "cors_forbidden");
        assertProblem(RawHttp.send(port, "OPTIONS", "/pol/cors/orders", "Origin", "https://app.test",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-secret"),
                403, "cors_forbidden");
    }

    @Test
    void corsHeadersAreOnErrorsTooAndForeignOriginsAreRefused() {
        Response unauthorized = get("/pol/cors/orders", "Origin", "https://app.test");
        assertProblem(unauthorized, 401, "missing_credentials");
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo("https://app.test");
        assertThat(unauthorized.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(unauthorized.header("Access-Control-Expose-Headers")).containsIgnoringCase("X-Request-Id");
        assertThat(unauthorized.headers().get("vary")).anySatisfy(v -> assertThat(v).contains("Origin"));

        assertProblem(get("/pol/cors/orders", "Origin", "https://evil.test"), 403, "cors_forbidden");
        // refused by a later policy: still readable by the browser
        Response ipRefused = get("/pol/cors-denied/x", "Origin", "https://app.test");
        assertProblem(ipRefused, 403, "ip_forbidden");
        assertThat(ipRefused.header("Access-Control-Allow-Origin")).isEqualTo("https://app.test");
        // a route without a CORS policy leaves CORS to the upstream: no headers from the gateway
        assertThat(get("/echo/cors", "Origin", "https://app.test").header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void requestSizeByContentLengthAndByStreamedBytes() {
        byte[] small = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] large = "x".repeat(101).getBytes(StandardCharsets.US_ASCII);
        assertThat(RawHttp.send(port, "POST", "/pol/size", List.of(), small.length, out -> out.write(small))
                .json().get("bodyLength").asLong()).isEqualTo(100);
        assertProblem(RawHttp.send(port, "POST", "/pol/size", List.of(), large.length, out -> out.write(large)),
                413, "request_too_large");

        assertThat(RawHttp.send(port, "POST", "/pol/size", List.of(), -1, out -> {
            out.write(small, 0, 60);
            out.write(small, 60, 40);
        }).json().get("bodyLength").asLong()).isEqualTo(100);
        assertProblem(RawHttp.send(port, "POST", "/pol/size", List.of(), -1, out -> {
            for (int i = 0; i < 10; i++) {
                out.write(small, 0, 50);
            }
        }), 413, "request_too_large");
    }

    @Test
    void consumerScopedPoliciesApplyAfterAuthenticationToThatConsumerOnly() {
        byte[] body = "x".repeat(500).getBytes(StandardCharsets.US_ASCII);
        Response partner = RawHttp.send(port, "POST", "/pol/partners/up", List.of("X-API-Key", PARTNER_KEY.key()),
                body.length, out -> out.write(body));
        assertThat(partner.status()).isEqualTo(200);
        assertThat(partner.json().get("bodyLength").asLong()).isEqualTo(500);
        assertThat(partner.json().get("headers").get("x-tier").get(0).asString()).isEqualTo("gold");

        assertProblem(RawHttp.send(port, "POST", "/pol/partners/up", List.of("X-API-Key", OTHER_KEY.key()),
                body.length, out -> out.write(body)), 413, "request_too_large");
        Response other = get("/pol/partners/small", "X-API-Key", OTHER_KEY.key());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().get("headers").has("x-tier")).isFalse();
    }

    @Test
    void transformChangesHeadersBothWaysAndRewritesThePath() {
        Response response = get("/pol/xf/v1/orders/42%3Ba?x=1", "X-Drop", "gone", "X-Old", "moved", "X-Env", "prod");
        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = response.json();
        assertThat(echo.get("path").asString()).isEqualTo("/orders/42%3Ba/detail");
        assertThat(echo.get("query").asString()).isEqualTo("x=1");
        JsonNode headers = echo.get("headers");
        assertThat(headers.has("x-drop")).isFalse();
        assertThat(headers.has("x-old")).isFalse();
        assertThat(headers.get("x-new").get(0).asString()).isEqualTo("moved");
        assertThat(headers.get("x-env").get(0).asString()).isEqualTo("test");
        assertThat(headers.get("x-added").get(0).asString()).isEqualTo("a");
        assertThat(response.header("X-Resp")).isEqualTo("yes");
        assertThat(response.header("X-Resp-Added")).isEqualTo("r");

        // a path the template does not match is forwarded as the route says (prefix stripped)
        assertThat(get("/pol/xf/other/path").json().get("path").asString()).isEqualTo("/other/path");
    }

    @Test
    void timeoutPolicyOverridesTheServiceTimeout() {
        long start = System.nanoTime();
        assertProblem(get("/pol/timeout/slow"), 504, "upstream_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(get("/pol/timeout/fast").status()).isEqualTo(200);
    }

    @Test
    void getIsRetriedAfterAConnectionResetButPostIsNot() {
        retried.mode(ScriptedUpstream.Mode.OK);
        int before = retried.connections();
        retried.resetNext(1);
        Response get = get("/pol/retry/x");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("ok");
        assertThat(retried.connections() - before).isEqualTo(2);

        before = retried.connections();
        retried.resetNext(1);
        assertProblem(RawHttp.send(port, "POST", "/pol/retry/x"), 502, "upstream_unavailable");
        assertThat(retried.connections() - before).isEqualTo(1);

        // attempts are bounded: three resets in a row exhaust the three attempts
        before = retried.connections();
        retried.resetNext(3);
        assertProblem(get("/pol/retry/x"), 502, "upstream_unavailable");
        assertThat(retried.connections() - before).isEqualTo(3);
        retried.resetNext(0);
    }

    @Test
    void aPutBodyIsSentWholeAgainOnRetryUpTo64KiB() {
        retried.mode(ScriptedUpstream.Mode.OK);
        byte[] body = new byte[40_000];
        new Random(7).nextBytes(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        int before = retried.connections();
        retried.resetNext(2);
        Response put = RawHttp.send(port, "PUT", "/pol/retry/doc", List.of(), body.length, out -> out.write(body));
        assertThat(put.status()).isEqualTo(200);
        assertThat(retried.connections() - before).as("two resets, then the third attempt").isEqualTo(3);
        assertThat(put.header("X-Body-Length")).isEqualTo("40000");
        assertThat(put.header("X-Body-Crc32")).isEqualTo(Long.toString(crc.getValue()));

        // a body over 64 KiB is not held: sent once
        byte[] large = new byte[70_000];
        before = retried.connections();
        retried.resetNext(1);
        assertProblem(RawHttp.send(port, "PUT", "/pol/retry/doc", List.of(), large.length, out -> out.write(large)),
                502, "upstream_unavailable");
        assertThat(retried.connections() - before).isEqualTo(1);
        retried.resetNext(0);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aFailedUpstreamCallIsLoggedInOneLineWithoutAStackTrace(CapturedOutput output) {
        retried.mode(ScriptedUpstream.Mode.OK);
        retried.resetNext(1);
        assertProblem(RawHttp.send(port, "POST", "/pol/retry/logged"), 502, "upstream_unavailable");
        retried.resetNext(0);
        String line = "POST /pol/retry/logged answered 502 upstream_unavailable: upstream 127.0.0.1:" + retried.port()
                + " failed: ";
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(line));
        String logged = output.getOut().lines().filter(l -> l.contains(line)).findFirst().orElseThrow();
        assertThat(logged).contains(" WARN ");
        // Reactor Netty's own WARN (with a stack trace) for the same connection error is silenced
        assertThat(output.getOut()).doesNotContain("HttpClientConnect").doesNotContain("\tat reactor.netty");
    }

    @Test
    void circuitOpensAfterFailuresAnswers503ThenRecoversWhenHalfOpen() {
        breaking.mode(ScriptedUpstream.Mode.FAIL);
        for (int i = 0; i < 4; i++) {
            assertThat(get("/pol/breaker/x").status()).isEqualTo(500);
        }
        int before = breaking.connections();
        Response open = get("/pol/breaker/x");
        assertProblem(open, 503, "circuit_open");
        assertThat(open.header("Retry-After")).isEqualTo("2");
        assertThat(breaking.connections()).isEqualTo(before);

        String metrics = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        assertThat(metrics).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"pol-breaker/pol-broken\"[^}]*state=\"open\"[^}]*} 1");
        await("heartbeat reports the open circuit").atMost(Duration.ofSeconds(10)).until(() -> {
            List<dev.gatehouse.config.NodeHeartbeat> beats = MainNode.admin().heartbeats();
            return "OPEN".equals(beats.get(beats.size() - 1).circuits().get("pol-breaker/pol-broken"));
        });

        breaking.mode(ScriptedUpstream.Mode.OK);
        await("half open after the open period").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/pol/breaker/x").status() == 200);
        assertThat(get("/pol/breaker/x").status()).isEqualTo(200);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text()).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"pol-breaker/pol-broken\"[^}]*state=\"closed\"[^}]*} 1");
    }
}
