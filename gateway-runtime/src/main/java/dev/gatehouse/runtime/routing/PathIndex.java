package dev.gatehouse.runtime.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one host partition, indexed by path: exact paths in a hash map, prefix paths in a trie of path
 * segments. A lookup visits one map entry and at most one trie node per segment of the request path, so its cost
 * grows with the depth of the path, not with the number of routes.
 */
final class PathIndex {

    private static final RouteEntry[] NONE = new RouteEntry[0];

    private final Map<String, RouteEntry[]> exact;
    private final Node root;

    private PathIndex(Map<String, RouteEntry[]> exact, Node root) {
        this.exact = exact;
        this.root = root;
    }

    /**
     * The best entry for the path, or {@code null}.
     *
     * @param path     the raw request path
     * @param segments the path split on {@code /}, without the leading empty segment
     * @param method   the request method
     */
    RouteEntry best(String path, String[] segments, String method) {
        RouteEntry best = first(exact.get(path), method, true);
        Node node = root;
        int depth = 0;
        while (node != null) {
            // priority outranks path length, so a shorter prefix may still win: every node on the way counts
            best = RouteEntry.better(best, first(node.entries, method, depth < segments.length));
            if (depth == segments.length) {
                break;
            }
            node = node.children.get(segments[depth++]);
        }
        return best;
    }

    private static RouteEntry first(RouteEntry[] entries, String method, boolean pathContinues) {
        if (entries == null) {
            return null;
        }
        for (RouteEntry entry : entries) {
            if (entry.accepts(method) && (pathContinues || !entry.requireMore())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Splits a raw path on {@code /} after its leading slash:
     * {@code /a/b} gives {@code [a, b]}, {@code /} gives {@code [""]}.
     */
    static String[] segments(String path) {
        List<String> out = new ArrayList<>(8);
        int start = path.startsWith("/") ? 1 : 0;
        for (int i = start; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        RouteEntry[] entries;
        List<RouteEntry> pending;
    }

    /** Collects entries, then sorts and freezes them. */
    static final class Builder {

        private final Map<String, List<RouteEntry>> exact = new HashMap<>();
        private final Node root = new Node();
        private final List<Node> touched = new ArrayList<>();

        void addExact(String path, RouteEntry entry) {
            exact.computeIfAbsent(path, p -> new ArrayList<>(1)).add(entry);
        }

        /** Adds a prefix entry under the segments of the route path (without its trailing slash). */
        void addPrefix(String[] keySegments, RouteEntry entry) {
            Node node = root;
            for (String segment : keySegments) {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            if (node.pending == null) {
                node.pending = new ArrayList<>(1);
                touched.add(node);
            }
            node.pending.add(entry);
        }

        PathIndex build() {
            Map<String, RouteEntry[]> frozen = new HashMap<>(Math.max(4, exact.size() * 4 / 3 + 1));
            exact.forEach((path, entries) -> frozen.put(path, sorted(entries)));
            for (Node node : touched) {
                node.entries = sorted(node.pending);
                node.pending = null;
            }
            return new PathIndex(frozen, root);
        }

        private static RouteEntry[] sorted(List<RouteEntry> entries) {
            if (entries.isEmpty()) {
                return NONE;
            }
            entries.sort(RouteEntry.ORDER);
            return entries.toArray(RouteEntry[]::new);
        }
    }
}
