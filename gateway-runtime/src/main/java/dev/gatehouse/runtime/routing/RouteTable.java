package dev.gatehouse.runtime.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;

/**
 * The compiled routing table of one configuration. Routes are partitioned by host (exact host names, {@code *.}
 * wildcard suffixes, and routes for any host) and each partition indexes paths with {@link PathIndex}, so a lookup
 * costs a few hash probes per path segment and host label whatever the number of routes.
 *
 * <p>Paths are compared without regard to ASCII case, on the canonical request path. When several routes match,
 * the one with the highest priority wins, then the one with the longer path, then
 * the one whose name sorts first. Immutable and safe to share between threads.
 */
public final class RouteTable {

    private static final RouteTable EMPTY = new Builder().build(0);

    private final PathIndex anyHost;
    private final Map<String, PathIndex> exactHosts;
    private final Map<String, PathIndex> wildcardHosts;
    private final boolean hasHostRoutes;
    private final int size;

    private RouteTable(PathIndex anyHost, Map<String, PathIndex> exactHosts, Map<String, PathIndex> wildcardHosts,
                       int size) {
        this.anyHost = anyHost;
        this.exactHosts = exactHosts;
        this.wildcardHosts = wildcardHosts;
        this.hasHostRoutes = !exactHosts.isEmpty() || !wildcardHosts.isEmpty();
        this.size = size;
    }

    /** A table that matches nothing. */
    public static RouteTable empty() {
        return EMPTY;
    }

    /** Builds the table; disabled routes are left out. */
    public static RouteTable build(Collection<CompiledRoute> routes) {
        Builder builder = new Builder();
        int count = 0;
        for (CompiledRoute route : routes) {
            if (route.spec().enabled()) {
                builder.add(route);
                count++;
            }
        }
        return builder.build(count);
    }

    /** Number of enabled routes in the table. */
    public int size() {
        return size;
    }

    /**
     * The route for a request, or {@code null} when none matches.
     *
     * @param hostHeader the request's {@code Host} header (port and case are ignored), may be null
     * @param method     the request method, upper case
     * @param rawPath    the canonical request path ({@link dev.gatehouse.config.CanonicalPath}); ASCII case is
     *                   ignored
     */
    public RouteMatch match(String hostHeader, String method, String rawPath) {
        // routes are stored lower-cased: /ADMIN must meet the /admin route (and its credentials), as case-insensitive
        // upstreams (Express, ASP.NET) would serve it the /admin resource
        rawPath = asciiLowerCase(rawPath);
        String[] segments = PathIndex.segments(rawPath);
        RouteEntry best = anyHost.best(rawPath, segments, method);
        if (hasHostRoutes) {
            String host = normalizeHost(hostHeader);
            if (!host.isEmpty()) {
                best = RouteEntry.better(best, bestIn(exactHosts.get(host), rawPath, segments, method));
                // *.example.com covers every name ending in .example.com: probe each suffix that starts at a dot
                for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
                    best = RouteEntry.better(best,
                            bestIn(wildcardHosts.get(host.substring(dot)), rawPath, segments, method));
                }
            }
        }
        return best == null ? null : new RouteMatch(best.route(), best.keyLength());
    }

    private static RouteEntry bestIn(PathIndex index, String path, String[] segments, String method) {
        return index == null ? null : index.best(path, segments, method);
    }

    /** ASCII letters in lower case, other characters as they are; the same instance when nothing changes. */
    static String asciiLowerCase(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && !isAsciiUpper(text.charAt(i))) {
            i++;
        }
        if (i == length) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; i < length; i++) {
            if (isAsciiUpper(chars[i])) {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Lower-cases a Host header value and removes its port and any trailing dot. */
    static String normalizeHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return "";
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end > 0 ? host.substring(0, end + 1) : host;
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static final class Builder {

        private final PathIndex.Builder anyHost = new PathIndex.Builder();
        private final Map<String, PathIndex.Builder> exactHosts = new HashMap<>();
        private final Map<String, PathIndex.Builder> wildcardHosts = new HashMap<>();

        void add(CompiledRoute route) {
            RouteSpec spec = route.spec();
            Set<String> methods = spec.methods().isEmpty() ? null : Set.copyOf(spec.methods());
            if (spec.hosts().isEmpty()) {
                addPaths(anyHost, route, methods);
                return;
            }
            for (String host : spec.hosts()) {
                String key = host.toLowerCase(Locale.ROOT);
                PathIndex.Builder index = key.startsWith("*.")
                        ? wildcardHosts.computeIfAbsent(key.substring(1), k -> new PathIndex.Builder())
                        : exactHosts.computeIfAbsent(key, k -> new PathIndex.Builder());
                addPaths(index, route, methods);
            }
        }

        private static void addPaths(PathIndex.Builder index, CompiledRoute route, Set<String> methods) {
            RouteSpec spec = route.spec();
            for (String path : spec.paths()) {
                String lower = asciiLowerCase(path);
                if (spec.pathMatch() == PathMatch.EXACT) {
                    index.addExact(lower, new RouteEntry(route, path, path.length(), false, methods));
                } else {
                    boolean trailingSlash = path.endsWith("/");
                    String key = trailingSlash ? lower.substring(0, lower.length() - 1) : lower;
                    String[] segments = key.isEmpty() ? new String[0] : PathIndex.segments(key);
                    index.addPrefix(segments, new RouteEntry(route, path, key.length(), trailingSlash, methods));
                }
            }
        }

        RouteTable build(int size) {
            return new RouteTable(anyHost.build(), freeze(exactHosts), freeze(wildcardHosts), size);
        }

        private static Map<String, PathIndex> freeze(Map<String, PathIndex.Builder> builders) {
            Map<String, PathIndex> out = new HashMap<>(Math.max(4, builders.size() * 4 / 3 + 1));
            builders.forEach((key, builder) -> out.put(key, builder.build()));
            return out;
        }
    }
}
