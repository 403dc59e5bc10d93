package dev.gatehouse.runtime.policy.cors;

import java.util.List;

import dev.gatehouse.config.policy.CorsPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;

/**
 * A {@link CorsPolicy} compiled into Spring's {@link CorsConfiguration}: exact origins, origin patterns
 * ({@code https://*.example.com}, where {@code *} stands for one or more labels) and {@code *}, compiled once.
 */
final class CorsRules {

    private final CorsConfiguration configuration;

    private CorsRules(CorsConfiguration configuration) {
        this.configuration = configuration;
    }

    static CorsRules compile(CorsPolicy policy) {
        CorsConfiguration c = new CorsConfiguration();
        for (String origin : policy.allowOrigins()) {
            if (origin.equals(CorsConfiguration.ALL)) {
                c.addAllowedOrigin(origin);
            } else if (origin.contains("*")) {
                c.addAllowedOriginPattern(origin);
            } else {
                c.addAllowedOrigin(origin);
            }
        }
        c.setAllowedMethods(policy.allowMethods());
        policy.allowHeaders().forEach(c::addAllowedHeader);
        policy.exposeHeaders().forEach(c::addExposedHeader);
        c.setAllowCredentials(policy.allowCredentials());
        c.setMaxAge((long) policy.maxAgeSeconds());
        c.validateAllowCredentials();
        return new CorsRules(c);
    }

    CorsConfiguration configuration() {
        return configuration;
    }

    /** Whether the request's {@code Origin} may call. */
    boolean allowsOrigin(String origin) {
        return configuration.checkOrigin(origin) != null;
    }

    /** Whether a preflight's origin, requested method and requested headers are all allowed. */
    boolean allowsPreflight(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        HttpMethod method = headers.getAccessControlRequestMethod();
        List<String> requested = headers.getAccessControlRequestHeaders();
        return allowsOrigin(headers.getOrigin()) && method != null
                && configuration.checkHttpMethod(method) != null
                && (requested.isEmpty() || configuration.checkHeaders(requested) != null);
    }
}
