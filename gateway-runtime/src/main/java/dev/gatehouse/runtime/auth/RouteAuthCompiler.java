package dev.gatehouse.runtime.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.RouteSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Compiles the auth settings of routes ({@link RouteAuth}) when a configuration is applied, so that requests only
 * look things up. A JWT route whose keys cannot be read (a malformed static JWK set) is compiled to refuse every
 * token, with a warning: one bad route must not stop the node from taking the rest of the configuration.
 */
@Component
public class RouteAuthCompiler {

    /** The realm named in challenges. */
    static final String REALM = "gatehouse";

    private static final Logger log = LoggerFactory.getLogger(RouteAuthCompiler.class);

    private final JwksCache jwks;

    public RouteAuthCompiler(JwksCache jwks) {
        this.jwks = jwks;
    }

    /** The compiled auth of {@code route}. */
    public RouteAuth compile(RouteSpec route) {
        if (route.auth() == AuthMode.NONE) {
            return RouteAuth.anonymous(route.id(), route.serviceId());
        }
        JwtVerifier verifier = null;
        List<String> missing;
        List<String> invalid;
        if (route.auth() == AuthMode.JWT) {
            verifier = verifier(route);
            missing = List.of("Bearer realm=\"" + REALM + "\"");
            invalid = List.of("Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        } else {
            missing = keyChallenges(route.keyAuth());
            invalid = missing;
        }
        return new RouteAuth(route.auth(), route.id(), route.serviceId(), route.tags(),
                Set.copyOf(route.allowedGroups()), route.keyAuth(), missing, invalid, verifier);
    }

    /** Lets the JWKS cache drop the sets no route of the configuration uses. */
    public void retainJwks(Collection<RouteAuth> routes) {
        Set<String> urls = new HashSet<>();
        for (RouteAuth auth : routes) {
            if (auth.jwt() != null && auth.jwt().jwksUrl() != null) {
                urls.add(auth.jwt().jwksUrl());
            }
        }
        jwks.retainOnly(urls);
    }

    private JwtVerifier verifier(RouteSpec route) {
        if (route.jwt() == null) {
            return JwtVerifier.refusingAll();
        }
        try {
            return JwtVerifier.compile(route.jwt(), jwks::source);
        } catch (IllegalArgumentException e) {
            log.warn("Route {} refuses every token: its JWT settings are unusable ({})", route.name(), e.getMessage());
            return JwtVerifier.refusingAll();
        }
    }

    private static List<String> keyChallenges(KeyAuthSpec keyAuth) {
        List<String> challenges = new ArrayList<>(2);
        String apiKey = "ApiKey realm=\"" + REALM + "\", header=\"" + keyAuth.header() + "\"";
        if (keyAuth.queryParam() != null) {
            apiKey += ", query=\"" + keyAuth.queryParam() + "\"";
        }
        challenges.add(apiKey);
        if (keyAuth.bearer()) {
            challenges.add("Bearer realm=\"" + REALM + "\"");
        }
        return List.copyOf(challenges);
    }
}
