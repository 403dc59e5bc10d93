package dev.gatehouse.runtime.routing;

import java.util.Comparator;
import java.util.Set;

/**
 * One path of one route as stored in an index.
 *
 * @param route       the route
 * @param path        the route path as published, used for ordering (longer first)
 * @param keyLength   characters of the request path this entry covers when it matches
 * @param requireMore a prefix written with a trailing {@code /} matches only paths that continue after it
 * @param methods     accepted methods, {@code null} for any
 */
record RouteEntry(CompiledRoute route, String path, int keyLength, boolean requireMore, Set<String> methods) {

    /** Priority first (higher wins), then the longer route path, then the route name. */
    static final Comparator<RouteEntry> ORDER = Comparator
            .comparingInt((RouteEntry e) -> -e.route.spec().priority())
            .thenComparingInt(e -> -e.path.length())
            .thenComparing(e -> e.route.spec().name());

    boolean accepts(String method) {
        return methods == null || methods.contains(method);
    }

    static RouteEntry better(RouteEntry a, RouteEntry b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ORDER.compare(a, b) <= 0 ? a : b;
    }
}
