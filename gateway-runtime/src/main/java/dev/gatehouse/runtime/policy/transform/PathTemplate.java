package dev.gatehouse.runtime.policy.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.policy.PathRewrite;

/**
 * A compiled {@link PathRewrite}: {@code from} split into literal segments and {@code {name}} variables (one path
 * segment each), {@code to} into literal text and variable references. Works on the raw, still percent-encoded
 * path, so a captured segment reaches the upstream byte for byte. Matching is one pass over the path; nothing is
 * ever evaluated.
 */
final class PathTemplate {

    private final String[] from;
    private final int[] fromVariable;
    private final String[] toParts;
    private final int[] toVariable;

    private PathTemplate(String[] from, int[] fromVariable, String[] toParts, int[] toVariable) {
        this.from = from;
        this.fromVariable = fromVariable;
        this.toParts = toParts;
        this.toVariable = toVariable;
    }

    static PathTemplate compile(PathRewrite rewrite) {
        String[] segments = segments(rewrite.from());
        int[] variables = new int[segments.length];
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String name = variable(segments[i]);
            variables[i] = -1;
            if (name != null) {
                variables[i] = i;
                names.put(name, i);
            }
        }
        List<String> parts = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        String to = rewrite.to();
        int at = 0;
        while (at < to.length()) {
            int open = to.indexOf('{', at);
            if (open < 0) {
                parts.add(to.substring(at));
                refs.add(-1);
                break;
            }
            int close = to.indexOf('}', open);
            if (open > at) {
                parts.add(to.substring(at, open));
                refs.add(-1);
            }
            Integer index = names.get(to.substring(open + 1, close));
            if (index == null) {
                throw new IllegalArgumentException("variable of '" + to + "' is not in '" + rewrite.from() + "'");
            }
            parts.add(null);
            refs.add(index);
            at = close + 1;
        }
        return new PathTemplate(segments, variables, parts.toArray(String[]::new),
                refs.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The rewritten raw path, or null when {@code rawPath} does not match {@code from}. */
    String rewrite(String rawPath) {
        String[] segments = segments(rawPath);
        if (segments.length != from.length) {
            return null;
        }
        for (int i = 0; i < from.length; i++) {
            if (fromVariable[i] < 0 ? !from[i].equals(segments[i]) : segments[i].isEmpty()) {
                return null;
            }
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < toParts.length; i++) {
            out.append(toVariable[i] < 0 ? toParts[i] : segments[toVariable[i]]);
        }
        return out.isEmpty() || out.charAt(0) != '/' ? "/" + out : out.toString();
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    private static String variable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")
                ? segment.substring(1, segment.length() - 1) : null;
    }
}
