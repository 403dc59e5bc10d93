package dev.gatehouse.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.config.JwtSpec;
import reactor.core.publisher.Mono;

/**
 * Checks the JSON Web Tokens of one route, compiled once per configuration from its {@link JwtSpec}: signature with
 * an algorithm from the route's allow-list only (never {@code none}; a route never mixes HMAC with public-key
 * algorithms, so a public key can never be used as an HMAC secret), {@code exp} (required) and {@code nbf} with the
 * route's clock skew, {@code iss} and {@code aud} when configured, and a non-empty string in the consumer claim.
 *
 * <p>Keys come from the route's secret (HS256), its static JWK set, or a {@link RemoteJwks}; a token whose key id
 * the cached remote set does not know waits for one (rate-limited) refresh instead of failing at once.
 */
public final class JwtVerifier {

    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final RemoteJwks remote;
    private final String consumerClaim;

    private JwtVerifier(Set<JWSAlgorithm> algorithms, DefaultJWTProcessor<SecurityContext> processor,
                        RemoteJwks remote, String consumerClaim) {
        this.algorithms = algorithms;
        this.processor = processor;
        this.remote = remote;
        this.consumerClaim = consumerClaim;
    }

    /** A verifier that refuses every token, for a route whose keys could not be read. */
    public static JwtVerifier refusingAll() {
        return new JwtVerifier(Set.of(), null, null, "sub");
    }

    /**
     * Compiles a route's token settings.
     *
     * @param remoteSources gives the shared cached set of a JWKS URL
     * @throws IllegalArgumentException when the settings cannot give a working verifier (no supported algorithm,
     *                                  mixed algorithm kinds, an unreadable JWK set)
     */
    public static JwtVerifier compile(JwtSpec spec, Function<String, RemoteJwks> remoteSources) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (String name : spec.algorithms()) {
            if (JwtSpec.SUPPORTED_ALGORITHMS.contains(name)) {
                algorithms.add(JWSAlgorithm.parse(name));
            }
        }
        boolean hmac = algorithms.contains(JWSAlgorithm.HS256);
        if (algorithms.isEmpty() || (hmac && algorithms.size() > 1)) {
            throw new IllegalArgumentException("needs HS256 alone, or RS256 and/or ES256");
        }
        RemoteJwks remote = null;
        JWKSource<SecurityContext> keys;
        if (hmac) {
            if (spec.secret() == null) {
                throw new IllegalArgumentException("HS256 needs a secret");
            }
            keys = new ImmutableSecret<>(spec.secret().getBytes(StandardCharsets.UTF_8));
        } else if (spec.jwksUrl() != null && !spec.jwksUrl().isBlank()) {
            remote = remoteSources.apply(spec.jwksUrl());
            keys = remote;
        } else if (spec.jwks() != null && !spec.jwks().isBlank()) {
            try {
                // public keys only: a secret in the set must never verify anything here
                keys = new ImmutableJWKSet<>(JWKSet.parse(spec.jwks()).toPublicJWKSet());
            } catch (ParseException e) {
                throw new IllegalArgumentException("the JWK set is not valid JSON Web Key Set: " + e.getMessage());
            }
        } else {
            throw new IllegalArgumentException("RS256/ES256 need a JWK set or a JWKS URL");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (spec.issuer() != null && !spec.issuer().isBlank()) {
            exact.issuer(spec.issuer());
        }
        // a token without exp would never expire: refuse it rather than trust it forever
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                spec.audiences().isEmpty() ? null : Set.copyOf(spec.audiences()), exact.build(),
                Set.of("exp", spec.consumerClaim()), null);
        claims.setMaxClockSkew(spec.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return new JwtVerifier(Set.copyOf(algorithms), processor, remote, spec.consumerClaim());
    }

    /** The JWKS URL this verifier reads, or null. */
    public String jwksUrl() {
        return remote == null ? null : remote.url();
    }

    /**
     * Verifies a token; emits the consumer name it carries, or completes empty when the token is not acceptable
     * for any reason (the reasons are deliberately not told apart to the caller).
     */
    public Mono<String> verify(String token) {
        if (processor == null || token == null) {
            return Mono.empty();
        }
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT signed)) {
                // unsecured (alg none) and encrypted tokens
                return Mono.empty();
            }
            jwt = signed;
        } catch (ParseException e) {
            return Mono.empty();
        }
        if (!algorithms.contains(jwt.getHeader().getAlgorithm())) {
            return Mono.empty();
        }
        if (remote != null && !remote.hasKeyFor(jwt.getHeader())) {
            return remote.refresh(false).then(Mono.fromCallable(() -> consumerOf(jwt)));
        }
        return Mono.justOrEmpty(consumerOf(jwt));
    }

    private String consumerOf(SignedJWT jwt) {
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            return claims.getClaim(consumerClaim) instanceof String name && !name.isEmpty() ? name : null;
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            return null;
        }
    }
}
