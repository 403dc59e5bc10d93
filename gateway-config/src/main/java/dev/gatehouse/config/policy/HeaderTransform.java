package dev.gatehouse.config.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Header changes, applied in the order remove, rename, set, add. Values are literal text.
 *
 * @param add    headers added (kept beside existing values)
 * @param set    headers set (replacing existing values)
 * @param remove headers removed
 * @param rename headers renamed, old name to new name
 */
public record HeaderTransform(Map<String, String> add, Map<String, String> set, List<String> remove,
                              Map<String, String> rename) {

    /** No change. */
    public static final HeaderTransform NONE = new HeaderTransform(null, null, null, null);

    public HeaderTransform {
        add = sorted(add);
        set = sorted(set);
        remove = remove == null ? List.of() : List.copyOf(remove);
        rename = sorted(rename);
    }

    // sorted, so that the JSON form (and with it the content hash) is the same on every JVM
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** True when this changes nothing. */
    public boolean isEmpty() {
        return add.isEmpty() && set.isEmpty() && remove.isEmpty() && rename.isEmpty();
    }
}
