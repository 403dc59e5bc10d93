package dev.gatehouse.runtime.routing;

/**
 * The route chosen for a request and how much of the request path the route's path covered.
 *
 * @param route         the matched route
 * @param matchedLength number of characters at the start of the raw request path covered by the route's path
 *                      (the route path without a trailing {@code /}); removed when the route strips its prefix
 */
public record RouteMatch(CompiledRoute route, int matchedLength) {

    /**
     * The raw path to send upstream: the service's base path followed by the request path, or by what follows the
     * matched route path when the route strips its prefix. Works on the raw (still percent-encoded) path so that
     * encoded characters reach the upstream exactly as the client sent them.
     */
    public String forwardPath(String rawRequestPath) {
        String rest = route.spec().stripPrefix() ? rawRequestPath.substring(matchedLength) : rawRequestPath;
        return join(route.service().basePath(), rest);
    }

    /** The raw path to send upstream when a transform policy rewrote the request path: the base path and it. */
    public String rewrittenPath(String rewritten) {
        return join(route.service().basePath(), rewritten);
    }

    static String join(String basePath, String rest) {
        if (rest.isEmpty()) {
            return basePath.isEmpty() ? "/" : basePath;
        }
        if (basePath.isEmpty()) {
            return rest;
        }
        // rest always starts with '/', so a base path ending in '/' would double it
        return basePath.endsWith("/") ? basePath + rest.substring(1) : basePath + rest;
    }
}
