package dev.gatehouse.config.policy;

import java.util.List;

/**
 * Cross-origin access; the gateway answers preflight requests itself.
 *
 * @param allowOrigins     exact origins ({@code https://app.example.com}), patterns with one {@code *} label
 *                         ({@code https://*.example.com}), or {@code *} alone (not with credentials)
 * @param allowMethods     methods allowed (absent means GET, HEAD, POST)
 * @param allowHeaders     request headers allowed; {@code *} allows any
 * @param exposeHeaders    response headers the browser may read
 * @param allowCredentials whether cookies and authorization may be sent
 * @param maxAgeSeconds    how long browsers may cache a preflight answer
 */
public record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, boolean allowCredentials, int maxAgeSeconds)
        implements PolicyConfig {

    public CorsPolicy {
        allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
        allowMethods = allowMethods == null || allowMethods.isEmpty() ? List.of("GET", "HEAD", "POST")
                : List.copyOf(allowMethods);
        allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    @Override
    public PolicyType type() {
        return PolicyType.CORS;
    }
}
