package dev.gatehouse.admin.route;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.config.Violation;
import java.text.ParseException;
import java.util.List;

/**
 * Checks a static JWK set given for a route before it is published: nodes would otherwise refuse every token
 * of the route, far from where the mistake was made. Parsed with Nimbus JOSE+JWT, the library the nodes verify
 * tokens with, so what passes here parses there.
 */
final class JwksCheck {

    static final String FIELD = "jwt.jwks";
    static final int MAX_LENGTH = 65_536;
    static final int MIN_RSA_BITS = 2_048;

    private JwksCheck() {
    }

    /** Adds a violation when the set is not JSON, holds secrets, or has no key for an asymmetric algorithm. */
    static void check(String jwks, List<String> algorithms, List<Violation> out) {
        if (jwks.length() > MAX_LENGTH) {
            out.add(new Violation(FIELD, "must be at most " + MAX_LENGTH + " characters"));
            return;
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException e) {
            out.add(new Violation(FIELD, "is not a JWK set ({\"keys\": [...]}): " + e.getMessage()));
            return;
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                // Nodes only verify; a private or symmetric key published to every node is a leaked key.
                out.add(new Violation(FIELD, "must hold public keys only; key '" + key.getKeyID()
                        + "' is private or symmetric"));
                return;
            }
            if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
                out.add(new Violation(FIELD, "RSA key '" + key.getKeyID() + "' has " + rsa.size()
                        + " bits; at least " + MIN_RSA_BITS + " are required"));
                return;
            }
        }
        if (algorithms.contains("RS256") && set.getKeys().stream().noneMatch(k -> k instanceof RSAKey)) {
            out.add(new Violation(FIELD, "must hold at least one RSA key for RS256"));
        }
        if (algorithms.contains("ES256") && set.getKeys().stream()
                .noneMatch(k -> k instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))) {
            out.add(new Violation(FIELD, "must hold at least one EC key on curve P-256 for ES256"));
        }
    }
}
