package dev.gatehouse.admin.route;

import dev.gatehouse.config.JwtSpec;
import java.util.List;

/**
 * How a route checks JSON Web Tokens, as the API takes and shows it. Shown with {@code secret} masked as
 * {@value #MASKED_SECRET}; a route update that sends the mask back keeps the stored secret.
 *
 * @param algorithms       accepted algorithms, from HS256, RS256, ES256 (HS256 never together with the others)
 * @param issuer           required {@code iss} claim, or absent for any
 * @param audiences        accepted {@code aud} values; empty means the claim is not checked
 * @param secret           shared secret for HS256, at least 32 bytes
 * @param jwks             a JWK set (JSON) with the public keys for RS256 (RSA keys) or ES256 (EC P-256 keys)
 * @param jwksUrl          URL of a JWK set the nodes fetch instead of {@code jwks}
 * @param consumerClaim    claim naming the calling consumer; default {@code sub}
 * @param clockSkewSeconds tolerance for {@code exp} and {@code nbf}, 0 to 600; default 30
 */
public record JwtRequest(List<String> algorithms, String issuer, List<String> audiences, String secret, String jwks,
                         String jwksUrl, String consumerClaim, Integer clockSkewSeconds) {

    /** What the API shows instead of a stored HS256 secret. */
    public static final String MASKED_SECRET = "********";

    /** The request form of a stored setting, secret included (for merging an update, never for showing). */
    static JwtRequest of(JwtSpec spec) {
        return new JwtRequest(spec.algorithms(), spec.issuer(), spec.audiences(), spec.secret(), spec.jwks(),
                spec.jwksUrl(), spec.consumerClaim(), spec.clockSkewSeconds());
    }

    /** The form shown by the API and console: the secret masked. */
    static JwtRequest shown(JwtSpec spec) {
        return new JwtRequest(spec.algorithms(), spec.issuer(), spec.audiences(),
                spec.secret() == null ? null : MASKED_SECRET, spec.jwks(), spec.jwksUrl(), spec.consumerClaim(),
                spec.clockSkewSeconds());
    }

    /** This request with the masked secret replaced by the stored one, when there is one. */
    JwtRequest unmasked(JwtSpec stored) {
        if (!MASKED_SECRET.equals(secret) || stored == null || stored.secret() == null) {
            return this;
        }
        return new JwtRequest(algorithms, issuer, audiences, stored.secret(), jwks, jwksUrl, consumerClaim,
                clockSkewSeconds);
    }
}
