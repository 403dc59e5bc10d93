package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HeaderName;
import dev.gatehouse.config.http.HttpMethod;

import java.util.List;
import java.util.regex.Pattern;

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
@PolicyKind(name = "cors", scopes = {GLOBAL, SERVICE, ROUTE})
public record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, boolean allowCredentials, int maxAgeSeconds)
        implements PolicyConfig {

    private static final Pattern ORIGIN = Pattern.compile(
            "https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\\d{1,5})?");

    public CorsPolicy {
        allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
        allowMethods = allowMethods == null || allowMethods.isEmpty() ? List.of("GET", "HEAD", "POST")
                : List.copyOf(allowMethods);
        allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    @Override
    public void validate(Violations violations) {
        if (allowOrigins.isEmpty()) {
            violations.add("allowOrigins", "must list at least one origin");
        }
        violations.atMost("allowOrigins", allowOrigins, MAX_LIST);
        violations.each("allowOrigins", allowOrigins, this::originProblem);
        violations.each("allowMethods", allowMethods, HttpMethod::problem);
        violations.each("allowHeaders", allowHeaders,
                h -> "*".equals(h) || HeaderName.isValid(h) ? null : "must be a header name or '*'");
        violations.atMost("exposeHeaders", exposeHeaders, MAX_LIST);
        violations.each("exposeHeaders", exposeHeaders, HeaderTransform::changeableProblem);
        violations.range("maxAgeSeconds", maxAgeSeconds, 0, 86_400);
    }

    private String originProblem(String origin) {
        if ("*".equals(origin)) {
            return allowCredentials ? "'*' cannot be combined with allowCredentials; list the origins" : null;
        }
        return origin == null || !ORIGIN.matcher(origin).matches()
                ? "must be '*' or scheme://host[:port], optionally with one leading '*.' label" : null;
    }
}
