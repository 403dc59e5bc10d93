package dev.gatehouse.runtime.auth;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * JWT routes on the shared main node whose keys come from a JWKS URL (served by the fake admin): {@code /jwt}
 * (any consumer) and {@code /jwt-staff} (group staff only).
 */
@MainNode.Test
class JwtAuthIntegrationTests {

    private static final String ISSUER = "https://idp.test";
    private static final ConsumerSpec CLIENT = Specs.consumer("jwt-client", "partners");
    private static RSAKey first;
    private static RSAKey second;

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    @BeforeEach
    void jwtRoutes() throws Exception {
        synchronized (JwtAuthIntegrationTests.class) {
            if (first != null) {
                return;
            }
            first = new RSAKeyGenerator(2048).keyID("k1").generate();
            second = new RSAKeyGenerator(2048).keyID("k2").generate();
            admin.jwks(new JWKSet(first.toPublicJWK()).toString());
            ServiceSpec echo = service("jwt-echo", target(Upstreams.echo().port()));
            JwtSpec spec = new JwtSpec(List.of("RS256"), ISSUER, List.of("orders"), null, null, admin.jwksUrl(),
                    null, 5);
            long revision = admin.upsert(echo, CLIENT, Specs.suspended(Specs.consumer("jwt-sleepy")),
                    route("jwt", echo).paths("/jwt").jwt(spec).build(),
                    route("jwt-staff", echo).paths("/jwt-staff").jwt(spec).allowedGroups("staff").build());
            await().atMost(Duration.ofSeconds(15)).until(() -> holder.current().revision() >= revision);
        }
    }

    private static String token(RSAKey key, String subject) throws Exception {
        return token(key, key.getKeyID(), subject);
    }

    private static String token(RSAKey key, String kid, String subject) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience("orders")
                        .expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private Response get(String source, String target, String... headers) {
        return RawHttp.sendFrom(source, port, "GET", target, headers);
    }

    @Test
    void validTokenNamesTheConsumerToTheUpstream() throws Exception {
        Response response = get("127.0.0.31", "/jwt/x", "Authorization", "Bearer " + token(first, "jwt-client"),
                "X-Consumer-Name", "forged");
        assertThat(response.status()).isEqualTo(200);
        JsonNode headers = response.json().get("headers");
        assertThat(headers.get("x-consumer-name")).hasSize(1);
        assertThat(headers.get("x-consumer-name").get(0).asString()).isEqualTo("jwt-client");
        assertThat(headers.get("x-consumer-id").get(0).asString()).isEqualTo(CLIENT.id());
        assertThat(admin.jwksFetches()).isPositive();
    }

    @Test
    void missingInvalidAndUnknownConsumerTokensAre401() throws Exception {
        String source = "127.0.0.32";
        Response missing = get(source, "/jwt/x");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").asString()).isEqualTo("missing_credentials");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"gatehouse\"");

        for (String token : List.of("garbage", token(second, "k1", "jwt-client"),
                token(first, "nobody"), token(first, "jwt-sleepy"))) {
            Response refused = get(source, "/jwt/x", "Authorization", "Bearer " + token);
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_credentials");
            assertThat(refused.header("WWW-Authenticate"))
                    .isEqualTo("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        }
    }

    @Test
    void twoTokensAreRefusedNotGuessed() throws Exception {
        String valid = "Bearer " + token(first, "jwt-client");
        Response response = get("127.0.0.35", "/jwt/x", "Authorization", valid, "Authorization", "Bearer other");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("ambiguous_credentials");
        assertThat(get("127.0.0.35", "/jwt/x", "Authorization", valid, "Authorization", valid).status())
                .isEqualTo(400);
    }

    @Test
    void groupsForbid() throws Exception {
        Response response = get("127.0.0.33", "/jwt-staff/x", "Authorization", "Bearer " + token(first, "jwt-client"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void keyRotatedAtTheIdentityProviderIsFetchedOnFirstUse() throws Exception {
        String rotated = token(second, "jwt-client");
        admin.jwks(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())).toString());
        int fetchesBefore = admin.jwksFetches();
        // the unknown kid triggers a fetch (at most once per second in tests); the token waits for it
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("127.0.0.34", "/jwt/x", "Authorization", "Bearer " + rotated).status() == 200);
        assertThat(admin.jwksFetches()).isGreaterThan(fetchesBefore);
        assertThat(get("127.0.0.34", "/jwt/x", "Authorization", "Bearer " + token(first, "jwt-client")).status())
                .isEqualTo(200);
    }
}
