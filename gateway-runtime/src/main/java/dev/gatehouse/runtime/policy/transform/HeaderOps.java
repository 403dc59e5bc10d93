package dev.gatehouse.runtime.policy.transform;

import java.util.List;
import java.util.Map;

import dev.gatehouse.config.policy.HeaderTransform;

import org.springframework.http.HttpHeaders;

/**
 * A {@link HeaderTransform} ready to apply: remove, then rename, then set, then add, with literal values. Header
 * names are case-insensitive, as {@link HttpHeaders} treats them.
 */
final class HeaderOps {

    private final String[] remove;
    private final String[][] rename;
    private final String[][] set;
    private final String[][] add;

    private HeaderOps(HeaderTransform transform) {
        this.remove = transform.remove().toArray(String[]::new);
        this.rename = pairs(transform.rename());
        this.set = pairs(transform.set());
        this.add = pairs(transform.add());
    }

    /** The operations of {@code transform}, or null when it changes nothing. */
    static HeaderOps of(HeaderTransform transform) {
        return transform == null || transform.isEmpty() ? null : new HeaderOps(transform);
    }

    void apply(HttpHeaders headers) {
        for (String name : remove) {
            headers.remove(name);
        }
        for (String[] pair : rename) {
            List<String> values = headers.remove(pair[0]);
            if (values != null) {
                headers.put(pair[1], values);
            }
        }
        for (String[] pair : set) {
            headers.set(pair[0], pair[1]);
        }
        for (String[] pair : add) {
            headers.add(pair[0], pair[1]);
        }
    }

    private static String[][] pairs(Map<String, String> map) {
        return map.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toArray(String[][]::new);
    }
}
