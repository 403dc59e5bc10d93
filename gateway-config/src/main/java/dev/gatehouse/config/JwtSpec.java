package dev.gatehouse.config;

import java.util.List;

/**
 * How a route checks JSON Web Tokens (read from {@code Authorization: Bearer}).
 *
 * @param algorithms       accepted signature algorithms, from HS256, RS256, ES256; a token signed otherwise (and
 *                         {@code none}) is refused
 * @param issuer           required {@code iss} claim, or {@code null} for any
 * @param audiences        accepted {@code aud} values; empty means the claim is not checked
 * @param secret           shared secret for HS256 (at least 32 bytes), or {@code null}
 * @param jwks             a static JWK set (JSON) holding the public keys for RS256/ES256, or {@code null}
 * @param jwksUrl          URL of a JWK set fetched, cached and refreshed by the node, or {@code null}
 * @param consumerClaim    claim whose value is the name of the calling consumer; default {@code sub}
 * @param clockSkewSeconds tolerance when checking {@code exp} and {@code nbf}
 */
public record JwtSpec(List<String> algorithms, String issuer, List<String> audiences, String secret, String jwks,
                      String jwksUrl, String consumerClaim, int clockSkewSeconds) {

    /** Algorithms a route may accept. */
    public static final List<String> SUPPORTED_ALGORITHMS = List.of("HS256", "RS256", "ES256");

    public JwtSpec {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        consumerClaim = consumerClaim == null || consumerClaim.isBlank() ? "sub" : consumerClaim;
    }
}
