package dev.gatehouse.runtime.auth;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * API keys on the shared main node: {@code /keyed} (key in X-API-Key, Bearer or {@code api_key}), {@code /staff}
 * (group staff only) and {@code /tagged} (tag public). Tests that expect refusals send from their own loopback
 * address, so that the brute-force count of one never blocks another.
 */
@MainNode.Test
class KeyAuthIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ConsumerSpec ACME = Specs.consumer("acme", "partners", "beta");
    private static final ConsumerSpec STAFF = Specs.consumer("staff-tool", "staff");
    private static IssuedKey acmeKey;
    private static IssuedKey staffKey;
    private static IssuedKey taggedKey;

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    @BeforeEach
    void keyedRoutesAndConsumers() {
        synchronized (KeyAuthIntegrationTests.class) {
            if (acmeKey != null) {
                return;
            }
            ServiceSpec echo = service("keyed-echo", target(Upstreams.echo().port()));
            acmeKey = Specs.issue(ACME);
            staffKey = Specs.issue(STAFF);
            taggedKey = Specs.issue(ACME, 0, new KeyScopes(List.of(), List.of(), List.of("public")));
            awaitRevision(admin.upsert(echo, ACME, STAFF,
                    route("keyed", echo).paths("/keyed").keyAuth(new KeyAuthSpec(null, true, "api_key")).build(),
                    route("staff", echo).paths("/staff").keyAuth().allowedGroups("staff", "ops").build(),
                    route("tagged", echo).paths("/tagged").keyAuth().tags("public", "v1").build(),
                    acmeKey.spec(), staffKey.spec(), taggedKey.spec()));
        }
    }

    private void awaitRevision(long revision) {
        await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
    }

    private Response get(String target, String... headers) {
        return RawHttp.send(port, "GET", target, headers);
    }

    private Response getFrom(String source, String target, String... headers) {
        return RawHttp.sendFrom(source, port, "GET", target, headers);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    /** The problem body without the request id, which differs per request. */
    private static JsonNode bodyWithoutRequestId(Response response) {
        ObjectNode body = (ObjectNode) response.json();
        body.remove("requestId");
        return body;
    }

    @Test
    void validKeyReachesTheUpstreamWithTheConsumersIdentityAndWithoutTheKey() {
        Response byHeader = get("/keyed/a", "X-API-Key", acmeKey.key(), "X-Consumer-Id", "forged",
                "X-Consumer-Groups", "admins");
        assertThat(byHeader.status()).isEqualTo(200);
        JsonNode headers = byHeader.json().get("headers");
        assertThat(headers.has("x-api-key")).isFalse();
        assertThat(headers.get("x-consumer-id").get(0).asString()).isEqualTo(ACME.id());
        assertThat(headers.get("x-consumer-id")).hasSize(1);
        assertThat(headers.get("x-consumer-name").get(0).asString()).isEqualTo("acme");
        assertThat(headers.get("x-consumer-groups").get(0).asString()).isEqualTo("partners,beta");
        assertThat(byHeader.text()).doesNotContain(acmeKey.key());

        Response byBearer = get("/keyed/b", "Authorization", "Bearer " + acmeKey.key());
        assertThat(byBearer.status()).isEqualTo(200);
        assertThat(byBearer.json().get("headers").has("authorization")).isFalse();
        assertThat(byBearer.text()).doesNotContain(acmeKey.key());

        Response byQuery = get("/keyed/c?a=1&api_key=" + acmeKey.key() + "&b=%20x+y&c");
        assertThat(byQuery.status()).isEqualTo(200);
        assertThat(byQuery.json().get("query").asString()).isEqualTo("a=1&b=%20x+y&c");
        assertThat(byQuery.json().get("path").asString()).isEqualTo("/keyed/c");
        assertThat(byQuery.text()).doesNotContain(acmeKey.key());

        Response onlyKey = get("/keyed/d?api_key=" + acmeKey.key());
        assertThat(onlyKey.status()).isEqualTo(200);
        assertThat(onlyKey.json().get("query").isNull()).isTrue();
    }

    @Test
    void forgedIdentityHeadersNeverReachTheUpstreamOnOpenRoutes() {
        JsonNode headers = get("/echo/open", "X-Consumer-Id", "forged", "X-Consumer-Name", "root",
                "x-consumer-groups", "admins").json().get("headers");
        assertThat(headers.has("x-consumer-id")).isFalse();
        assertThat(headers.has("x-consumer-name")).isFalse();
        assertThat(headers.has("x-consumer-groups")).isFalse();
    }

    @Test
    void missingUnknownMalformedRevokedAndExpiredKeysAreRefusedAlike() {
        String source = "127.0.0.11";
        Response missing = getFrom(source, "/keyed/x");
        assertProblem(missing, 401, "missing_credentials");
        assertThat(missing.headers().get("www-authenticate")).containsExactly(
                "ApiKey realm=\"gatehouse\", header=\"X-API-Key\", query=\"api_key\"", "Bearer realm=\"gatehouse\"");

        IssuedKey revoked = Specs.issue(ACME);
        IssuedKey expired = Specs.issue(ACME, System.currentTimeMillis() - 1_000, KeyScopes.ANY);
        awaitRevision(admin.upsert(revoked.spec(), expired.spec()));
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", revoked.key()).status()).isEqualTo(200);
        awaitRevision(admin.delete(EntityKind.KEY, revoked.spec().id()));

        Response unknown = getFrom(source, "/keyed/x", "X-API-Key", ApiKeyFormat.generate(new SecureRandom()));
        assertProblem(unknown, 401, "invalid_credentials");
        assertThat(unknown.header("WWW-Authenticate")).startsWith("ApiKey realm=\"gatehouse\"");
        JsonNode expectedBody = bodyWithoutRequestId(unknown);
        String typo = acmeKey.key().substring(0, 52) + (acmeKey.key().endsWith("0") ? "1" : "0");
        for (String refused : List.of("gwk_short", typo, "Bearer x", revoked.key(), expired.key())) {
            Response response = getFrom(source, "/keyed/x", "X-API-Key", refused);
            assertProblem(response, 401, "invalid_credentials");
            assertThat(bodyWithoutRequestId(response)).as(refused).isEqualTo(expectedBody);
        }
        assertThat(bodyWithoutRequestId(getFrom(source, "/keyed/x?api_key=nope"))).isEqualTo(expectedBody);
    }

    @Test
    void suspendedConsumersKeysAreRefusedUntilItIsActiveAgain() {
        ConsumerSpec sleepy = Specs.consumer("sleepy");
        IssuedKey key = Specs.issue(sleepy);
        awaitRevision(admin.upsert(sleepy, key.spec()));
        assertThat(getFrom("127.0.0.12", "/keyed/x", "X-API-Key", key.key()).status()).isEqualTo(200);

        awaitRevision(admin.upsert(Specs.suspended(sleepy)));
        assertProblem(getFrom("127.0.0.12", "/keyed/x", "X-API-Key", key.key()), 401, "invalid_credentials");

        awaitRevision(admin.upsert(sleepy));
        assertThat(getFrom("127.0.0.12", "/keyed/x", "X-API-Key", key.key()).status()).isEqualTo(200);
    }

    @Test
    void scopesAndGroupsForbidWithoutHidingWhoCalled() {
        assertProblem(get("/staff/x", "X-API-Key", acmeKey.key()), 403, "forbidden");
        assertThat(get("/staff/x", "X-API-Key", staffKey.key()).status()).isEqualTo(200);

        assertThat(get("/tagged/x", "X-API-Key", taggedKey.key()).status()).isEqualTo(200);
        Response forbidden = get("/keyed/x", "X-API-Key", taggedKey.key());
        assertProblem(forbidden, 403, "forbidden");
        assertThat(forbidden.header("WWW-Authenticate")).isNull();
    }

    @Test
    void keyChangesApplyLive() throws Exception {
        String source = "127.0.0.13";
        IssuedKey issued = Specs.issue(ACME);
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", issued.key()).status()).isEqualTo(401);
        awaitRevision(admin.upsert(issued.spec()));
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", issued.key()).status()).isEqualTo(200);

        // rotation: the new key and the old one with a grace period, in one revision
        IssuedKey successor = Specs.issue(ACME);
        long graceEnds = System.currentTimeMillis() + 2_000;
        awaitRevision(admin.commit(List.of(ConfigChange.upsert(successor.spec()),
                ConfigChange.upsert(Specs.expiring(issued.spec(), graceEnds)))));
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", successor.key()).status()).isEqualTo(200);
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", issued.key()).status()).isEqualTo(200);
        // the old key works until its grace period ends, and is refused from then on
        AtomicLong refusedAt = new AtomicLong();
        Response refused = await().atMost(WAIT).until(() -> {
            Response response = getFrom(source, "/keyed/x", "X-API-Key", issued.key());
            refusedAt.set(System.currentTimeMillis());
            return response;
        }, response -> response.status() != 200);
        assertProblem(refused, 401, "invalid_credentials");
        assertThat(refusedAt.get()).as("refused only once the grace period was over").isGreaterThanOrEqualTo(graceEnds);
        assertThat(getFrom(source, "/keyed/x", "X-API-Key", successor.key()).status()).isEqualTo(200);

        awaitRevision(admin.delete(EntityKind.KEY, successor.spec().id()));
        assertProblem(getFrom(source, "/keyed/x", "X-API-Key", successor.key()), 401, "invalid_credentials");
        assertThat(holder.current().hash()).isEqualTo(dev.gatehouse.config.ConfigHash.format(admin.contentHash()));
    }

    @Test
    void repeatedFailuresFromOneAddressAreAnswered429WithoutLookingAtTheKey() {
        String attacker = "127.0.0.201";
        for (int i = 0; i < 20; i++) {
            assertProblem(getFrom(attacker, "/keyed/x", "X-API-Key", ApiKeyFormat.generate(new SecureRandom())), 401,
                    "invalid_credentials");
        }
        Response blocked = getFrom(attacker, "/keyed/x", "X-API-Key", acmeKey.key());
        assertProblem(blocked, 429, "too_many_auth_failures");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);
        assertProblem(getFrom(attacker, "/keyed/x"), 429, "too_many_auth_failures");
        // other addresses and open routes are not affected
        assertThat(getFrom("127.0.0.202", "/keyed/x", "X-API-Key", acmeKey.key()).status()).isEqualTo(200);
        assertThat(getFrom(attacker, "/echo/x").status()).isEqualTo(200);
    }
}
