package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.config.JwtSpec;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The JWT verification table: what a route accepts and everything it must refuse. */
class JwtVerifierTests {

    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final RSAKey OTHER_RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc("ec-1");
    private static final String SECRET = "0123456789abcdef0123456789abcdef-shared";
    private static final String ISSUER = "https://idp.example";

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicJwks() {
        return new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString();
    }

    private static JwtSpec asymmetric(List<String> audiences) {
        return new JwtSpec(List.of("RS256", "ES256"), ISSUER, audiences, null, publicJwks(), null, null, 30);
    }

    private static JwtVerifier verifier(JwtSpec spec) {
        return JwtVerifier.compile(spec, url -> {
            throw new AssertionError("no remote set expected");
        });
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("acme").issuer(ISSUER).audience("orders-api")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.RS256, RSA.getKeyID(), new RSASSASigner(RSA), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = claims();
        change.accept(builder);
        return rs256(builder.build());
    }

    private static String verify(JwtVerifier verifier, String token) {
        return verifier.verify(token).block(Duration.ofSeconds(5));
    }

    @Test
    void validTokensNameTheirConsumer() throws Exception {
        JwtVerifier route = verifier(asymmetric(List.of("orders-api")));
        assertThat(verify(route, rs256(claims().build()))).isEqualTo("acme");
        assertThat(verify(route, sign(JWSAlgorithm.ES256, EC.getKeyID(), new ECDSASigner(EC), claims().build())))
                .isEqualTo("acme");

        JwtVerifier hmac = verifier(new JwtSpec(List.of("HS256"), null, List.of(), SECRET, null, null, "client_id",
                0));
        String token = sign(JWSAlgorithm.HS256, null, new MACSigner(SECRET), claims().claim("client_id", "svc-a")
                .build());
        assertThat(verify(hmac, token)).isEqualTo("svc-a");
    }

    @Test
    void timeClaimsAreCheckedWithTheClockSkew() {
        JwtVerifier route = verifier(asymmetric(List.of()));
        Instant now = Instant.now();
        assertThat(verify(route, rs256(c -> c.expirationTime(Date.from(now.minusSeconds(120)))))).isNull();
        assertThat(verify(route, rs256(c -> c.expirationTime(Date.from(now.minusSeconds(10)))))).isEqualTo("acme");
        assertThat(verify(route, rs256(c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))))).isNull();
        assertThat(verify(route, rs256(c -> c.notBeforeTime(Date.from(now.plusSeconds(10)))))).isEqualTo("acme");
        assertThat(verify(route, rs256(c -> c.expirationTime(null)))).as("exp is required").isNull();
    }

    @Test
    void issuerAndAudienceMustMatchWhenConfigured() {
        JwtVerifier route = verifier(asymmetric(List.of("orders-api", "billing-api")));
        assertThat(verify(route, rs256(c -> c.issuer("https://evil.example")))).isNull();
        assertThat(verify(route, rs256(c -> c.issuer(null)))).isNull();
        assertThat(verify(route, rs256(c -> c.audience("other-api")))).isNull();
        assertThat(verify(route, rs256(c -> c.audience((String) null)))).isNull();
        assertThat(verify(route, rs256(c -> c.audience(List.of("other-api", "billing-api"))))).isEqualTo("acme");

        JwtVerifier anyAudience = verifier(new JwtSpec(List.of("RS256"), null, List.of(), null, publicJwks(), null,
                null, 0));
        assertThat(verify(anyAudience, rs256(c -> c.audience("whatever").issuer("anyone")))).isEqualTo("acme");
    }

    @Test
    void unsecuredTokensAreRefused() {
        JwtVerifier route = verifier(asymmetric(List.of()));
        assertThat(verify(route, new PlainJWT(claims().build()).serialize())).isNull();
        assertThat(verify(route, "not.a.token")).isNull();
        assertThat(verify(route, "")).isNull();
    }

    @Test
    void hmacTokenSignedWithThePublicKeyIsRefusedOnAnRsaRoute() throws Exception {
        JwtVerifier route = verifier(asymmetric(List.of()));
        // the classic algorithm confusion: the attacker uses the (public) RSA key as an HMAC secret
        byte[] publicKeyAsSecret = RSA.toPublicJWK().toRSAPublicKey().getEncoded();
        String forged = sign(JWSAlgorithm.HS256, RSA.getKeyID(), new MACSigner(publicKeyAsSecret), claims().build());
        assertThat(verify(route, forged)).isNull();
        String forgedWithJwk = sign(JWSAlgorithm.HS256, RSA.getKeyID(),
                new MACSigner(RSA.toPublicJWK().toJSONString().repeat(2)), claims().build());
        assertThat(verify(route, forgedWithJwk)).isNull();
    }

    @Test
    void unknownKeyIdAndBadSignaturesAreRefused() throws Exception {
        JwtVerifier route = verifier(asymmetric(List.of()));
        assertThat(verify(route, sign(JWSAlgorithm.RS256, "rsa-unknown", new RSASSASigner(RSA), claims().build())))
                .isNull();
        assertThat(verify(route, sign(JWSAlgorithm.RS256, RSA.getKeyID(), new RSASSASigner(OTHER_RSA),
                claims().build()))).isNull();
        String good = rs256(claims().build());
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + rs256(c -> c.subject("admin")).split("\\.")[1] + "." + parts[2];
        assertThat(verify(route, tampered)).isNull();
        assertThat(verify(route, sign(JWSAlgorithm.RS512, RSA.getKeyID(), new RSASSASigner(RSA), claims().build())))
                .as("algorithm not on the list").isNull();
    }

    @Test
    void unusableSettingsDoNotCompile() {
        assertThatThrownBy(() -> verifier(new JwtSpec(List.of("HS256", "RS256"), null, List.of(), SECRET,
                publicJwks(), null, null, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier(new JwtSpec(List.of("RS256"), null, List.of(), null, "{not json", null,
                null, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier(new JwtSpec(List.of("PS256"), null, List.of(), null, publicJwks(), null,
                null, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(JwtVerifier.refusingAll().verify(rs256(claims().build())).blockOptional()).isEmpty();
    }

    @Test
    void remoteSetIsFetchedAgainForAnUnknownKeyIdAtMostOncePerInterval() {
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet());
        AtomicInteger fetches = new AtomicInteger();
        AtomicLong clock = new AtomicLong(1_000_000);
        RemoteJwks remote = new RemoteJwks("https://idp.example/jwks", url -> Mono.fromCallable(() -> {
            fetches.incrementAndGet();
            JWKSet set = served.get();
            if (set == null) {
                throw new IllegalStateException("identity provider down");
            }
            return set;
        }), 30_000, clock::get);
        JwtVerifier route = JwtVerifier.compile(new JwtSpec(List.of("RS256"), ISSUER, List.of(), null, null,
                "https://idp.example/jwks", null, 30), url -> remote);
        String token = rs256(claims().build());

        assertThat(verify(route, token)).as("set empty, fetched once").isNull();
        assertThat(fetches.get()).isEqualTo(1);
        served.set(new JWKSet(RSA.toPublicJWK()));
        assertThat(verify(route, token)).as("within the interval: no fetch").isNull();
        assertThat(fetches.get()).isEqualTo(1);

        clock.addAndGet(30_000);
        assertThat(verify(route, token)).as("unknown kid after the interval: fetched").isEqualTo("acme");
        assertThat(fetches.get()).isEqualTo(2);
        assertThat(verify(route, token)).as("known kid: no fetch").isEqualTo("acme");
        assertThat(fetches.get()).isEqualTo(2);

        served.set(null);
        remote.refresh(true).block(Duration.ofSeconds(5));
        assertThat(fetches.get()).isEqualTo(3);
        assertThat(verify(route, token)).as("fetch failed: served stale").isEqualTo("acme");
    }
}
