package dev.gatehouse.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import dev.gatehouse.admin.testsupport.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumers, keys and tokens end to end: an admin and two runtime node processes against the real PostgreSQL.
 * Every change made through the admin API must take effect on both nodes; these tests wait for it (at most
 * {@link TestGateway#APPLY_WAIT}), and bench/run.sh (scenario 4, bench/keys) measures and checks that a key works,
 * and stops working, within one second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyEndToEndIntegrationTests {

    private static final String JWT_SECRET = "an-hs256-secret-of-at-least-32-bytes!";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EchoUpstream upstream;
    private AdminInstance admin;
    private List<RuntimeNodeProcess> nodes;

    @BeforeAll
    void startCluster() {
        upstream = new EchoUpstream("keys-upstream");
        admin = new AdminInstance(RuntimeNodeProcess.freePort()).start();
        nodes = List.of(RuntimeNodeProcess.start("keys-node-1", admin.url(), AdminInstance.CLUSTER_TOKEN),
                RuntimeNodeProcess.start("keys-node-2", admin.url(), AdminInstance.CLUSTER_TOKEN));
        nodes.forEach(node -> node.awaitReady(TestGateway.NODE_WAIT));
        status(201, admin.api("POST", "/api/v1/services", """
                {"name": "keys-svc", "targets": [{"host": "127.0.0.1", "port": %d}]}
                """.formatted(upstream.port())));
        status(201, admin.api("POST", "/api/v1/routes", """
                {"name": "keys-open", "service": "keys-svc", "paths": ["/k/open"], "auth": "key",
                 "keyAuth": {"header": "X-API-Key", "bearer": true, "queryParam": "apikey"}}
                """));
        status(201, admin.api("POST", "/api/v1/routes", """
                {"name": "keys-partners", "service": "keys-svc", "paths": ["/k/partners"], "auth": "key",
                 "allowedGroups": ["partners"]}
                """));
        status(201, admin.api("POST", "/api/v1/routes", """
                {"name": "keys-tagged", "service": "keys-svc", "paths": ["/k/tagged"], "auth": "key",
                 "tags": ["public"]}
                """));
        status(201, admin.api("POST", "/api/v1/routes", """
                {"name": "keys-jwt", "service": "keys-svc", "paths": ["/k/jwt"], "auth": "jwt",
                 "jwt": {"algorithms": ["HS256"], "secret": "%s", "issuer": "https://idp.test",
                         "audiences": ["gatehouse"], "consumerClaim": "sub", "clockSkewSeconds": 0}}
                """.formatted(JWT_SECRET)));
        status(201, admin.api("POST", "/api/v1/consumers", """
                {"name": "acme", "groups": ["partners"]}
                """));
        status(201, admin.api("POST", "/api/v1/consumers", """
                {"name": "bob"}
                """));
        awaitEverywhere("/k/open", Map.of(), 401);
    }

    @AfterAll
    void stopCluster() {
        if (nodes != null) nodes.forEach(RuntimeNodeProcess::stop);
        if (admin != null) admin.stop();
        if (upstream != null) upstream.close();
    }

    @Test
    void issuedKeyWorksEverywhereRevokedKeyNowhere() {
        String key = issue("acme", "{}");
        awaitEverywhere("/k/open", Map.of("X-API-Key", key), 200);

        HttpResponse<String> call = call(nodes.get(0), "/k/open?apikey=" + key + "&keep=1",
                Map.of("X-Consumer-Name", "mallory", "X-Consumer-Id", "forged", "X-Consumer-Groups", "admins"));
        assertThat(call.statusCode()).isEqualTo(200);
        JsonNode echoed = JSON.readTree(call.body());
        assertThat(echoed.get("headers").get("x-consumer-name").asString()).isEqualTo("acme");
        assertThat(echoed.get("headers").get("x-consumer-groups").asString()).isEqualTo("partners");
        assertThat(echoed.get("headers").get("x-consumer-id").asString()).isNotEqualTo("forged");
        assertThat(echoed.get("query").asString()).isEqualTo("keep=1");
        assertThat(call.body()).doesNotContain(key);
        HttpResponse<String> bearer = call(nodes.get(1), "/k/open", Map.of("Authorization", "Bearer " + key));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).doesNotContain(key);

        String id = keyId("acme", key);
        status(204, admin.api("DELETE", "/api/v1/consumers/acme/keys/" + id, null));
        awaitEverywhere("/k/open", Map.of("X-API-Key", key), 401);
    }

    @Test
    void unknownMissingAndMalformedKeysAreRefusedAlike() {
        String realButUnknown = "gwk_" + "0".repeat(43) + "000000";
        HttpResponse<String> missing = call(nodes.get(0), "/k/open", Map.of());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> unknown = call(nodes.get(0), "/k/open", Map.of("X-API-Key", realButUnknown));
        HttpResponse<String> malformed = call(nodes.get(0), "/k/open", Map.of("X-API-Key", "not a key"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(code(unknown)).isEqualTo(code(malformed));
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        long before = upstream.requests();
        HttpResponse<String> longKey = call(nodes.get(1), "/k/open", Map.of("X-API-Key", "gwk_" + "a".repeat(6_000)));
        assertThat(longKey.statusCode()).isEqualTo(401);
        assertThat(code(longKey)).isEqualTo(code(malformed));
        HttpResponse<String> oversized = call(nodes.get(1), "/k/open", Map.of("X-API-Key", "x".repeat(40_000)));
        assertThat(oversized.statusCode()).isBetween(400, 499);
        assertThat(upstream.requests()).isEqualTo(before);
    }

    @Test
    void rotationKeepsBothKeysDuringGraceThenOnlyTheNewOne() {
        String old = issue("acme", "{}");
        awaitEverywhere("/k/open", Map.of("X-API-Key", old), 200);
        Instant asked = Instant.now();
        HttpResponse<String> rotated = admin.api("POST", "/api/v1/consumers/acme/keys/" + keyId("acme", old)
                + "/rotate", "{\"gracePeriodSeconds\": 3}");
        Instant answered = Instant.now();
        status(201, rotated);
        // the old key's grace period ends 3 s after the rotation (the node's keeping to it: KeyAuthIntegrationTests)
        assertThat(Instant.parse(key("acme", old).get("expiresAt").asString()))
                .isBetween(asked.plusSeconds(3).minusMillis(1), answered.plusSeconds(3).plusMillis(1));
        String fresh = JSON.readTree(rotated.body()).get("key").asString();
        awaitEverywhere("/k/open", Map.of("X-API-Key", fresh), 200);
        assertThat(call(nodes.get(0), "/k/open", Map.of("X-API-Key", old)).statusCode()).isEqualTo(200);
        assertThat(call(nodes.get(1), "/k/open", Map.of("X-API-Key", old)).statusCode()).isEqualTo(200);
        awaitEverywhere("/k/open", Map.of("X-API-Key", old), 401);
        assertThat(call(nodes.get(1), "/k/open", Map.of("X-API-Key", fresh)).statusCode()).isEqualTo(200);
    }

    @Test
    void suspendingAConsumerStopsAllItsKeys() {
        status(201, admin.api("POST", "/api/v1/consumers", "{\"name\": \"carol\"}"));
        String one = issue("carol", "{}");
        String two = issue("carol", "{}");
        awaitEverywhere("/k/open", Map.of("X-API-Key", two), 200);
        status(200, admin.api("PATCH", "/api/v1/consumers/carol", "{\"status\": \"suspended\"}"));
        awaitEverywhere("/k/open", Map.of("X-API-Key", one), 401);
        awaitEverywhere("/k/open", Map.of("X-API-Key", two), 401);
        status(200, admin.api("PATCH", "/api/v1/consumers/carol", "{\"status\": \"active\"}"));
        awaitEverywhere("/k/open", Map.of("X-API-Key", one), 200);
    }

    @Test
    void scopesAndGroupsDecideWhichRoutesAKeyMayCall() {
        String bobs = issue("bob", "{}");
        awaitEverywhere("/k/open", Map.of("X-API-Key", bobs), 200);
        assertThat(call(nodes.get(0), "/k/partners", Map.of("X-API-Key", bobs)).statusCode()).isEqualTo(403);
        String acmes = issue("acme", "{}");
        awaitEverywhere("/k/partners", Map.of("X-API-Key", acmes), 200);

        String tagged = issue("acme", "{\"scopes\": {\"tags\": [\"public\"]}}");
        awaitEverywhere("/k/tagged", Map.of("X-API-Key", tagged), 200);
        HttpResponse<String> outOfScope = call(nodes.get(1), "/k/open", Map.of("X-API-Key", tagged));
        assertThat(outOfScope.statusCode()).isEqualTo(403);
        String routeScoped = issue("acme", "{\"scopes\": {\"routes\": [\"keys-open\"]}}");
        awaitEverywhere("/k/open", Map.of("X-API-Key", routeScoped), 200);
        assertThat(call(nodes.get(0), "/k/tagged", Map.of("X-API-Key", routeScoped)).statusCode()).isEqualTo(403);
    }

    @Test
    void jwtRouteAcceptsValidTokensOfKnownConsumersOnly() {
        long now = System.currentTimeMillis() / 1000;
        String valid = hs256("{\"sub\":\"acme\",\"iss\":\"https://idp.test\",\"aud\":\"gatehouse\",\"exp\":"
                + (now + 300) + "}");
        awaitEverywhere("/k/jwt", Map.of("Authorization", "Bearer " + valid), 200);
        String expired = hs256("{\"sub\":\"acme\",\"iss\":\"https://idp.test\",\"aud\":\"gatehouse\",\"exp\":"
                + (now - 60) + "}");
        String wrongIssuer = hs256("{\"sub\":\"acme\",\"iss\":\"https://evil.test\",\"aud\":\"gatehouse\",\"exp\":"
                + (now + 300) + "}");
        String wrongAudience = hs256("{\"sub\":\"acme\",\"iss\":\"https://idp.test\",\"aud\":\"another-api\","
                + "\"exp\":" + (now + 300) + "}");
        String notYetValid = hs256("{\"sub\":\"acme\",\"iss\":\"https://idp.test\",\"aud\":\"gatehouse\",\"nbf\":"
                + (now + 600) + ",\"exp\":" + (now + 900) + "}");
        String unknownConsumer = hs256("{\"sub\":\"nobody\",\"iss\":\"https://idp.test\",\"aud\":\"gatehouse\","
                + "\"exp\":" + (now + 300) + "}");
        String algNone = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64("{\"sub\":\"acme\",\"iss\":"
                + "\"https://idp.test\",\"aud\":\"gatehouse\",\"exp\":" + (now + 300) + "}") + ".";
        int signature = valid.lastIndexOf('.') + 1;
        String tampered = valid.substring(0, signature) + "AAAA" + valid.substring(signature + 4);
        for (String token : List.of(expired, wrongIssuer, wrongAudience, notYetValid, unknownConsumer, algNone,
                tampered)) {
            for (RuntimeNodeProcess node : nodes) {
                assertThat(call(node, "/k/jwt", Map.of("Authorization", "Bearer " + token)).statusCode())
                        .as(token).isEqualTo(401);
            }
        }
    }

    private String issue(String consumer, String body) {
        HttpResponse<String> response = admin.api("POST", "/api/v1/consumers/" + consumer + "/keys", body);
        status(201, response);
        return JSON.readTree(response.body()).get("key").asString();
    }

    private String keyId(String consumer, String key) {
        return key(consumer, key).get("id").asString();
    }

    /** The admin's view of a consumer's key (found by its prefix; the key itself is never shown). */
    private JsonNode key(String consumer, String key) {
        HttpResponse<String> list = admin.api("GET", "/api/v1/consumers/" + consumer + "/keys", null);
        status(200, list);
        assertThat(list.body()).doesNotContain(key);
        for (JsonNode item : JSON.readTree(list.body())) {
            if (key.startsWith(item.get("prefix").asString())) {
                return item;
            }
        }
        throw new AssertionError("no key with the prefix of " + key.substring(0, 12) + " in " + list.body());
    }

    /** Waits until every node answers {@code status} to a GET of {@code path} (polling each without pause). */
    private void awaitEverywhere(String path, Map<String, String> headers, int status) {
        for (RuntimeNodeProcess node : nodes) {
            await(node.nodeId() + " answers " + status + " to " + path).atMost(TestGateway.APPLY_WAIT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> call(node, path, headers).statusCode(), answered -> answered == status);
        }
    }

    private static HttpResponse<String> call(RuntimeNodeProcess node, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.proxyUrl() + path))
                .timeout(Duration.ofSeconds(5));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + " on " + node.nodeId() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String code(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("code").asString();
    }

    private static void status(int expected, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    }

    private static String hs256(String claims) {
        String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
