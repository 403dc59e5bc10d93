package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HeaderName;

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
// isEmpty() is written as "empty" and always has been: it is part of the published form and so of the content hash,
// which nodes recompute. Reading ignores it, so a policy the API returned can be sent back as it is.
@JsonIgnoreProperties(value = "empty", allowGetters = true)
public record HeaderTransform(Map<String, String> add, Map<String, String> set, List<String> remove,
                              Map<String, String> rename) {

    /** No change. */
    public static final HeaderTransform NONE = new HeaderTransform(null, null, null, null);

    /** Longest header value that may be added or set. */
    public static final int MAX_HEADER_VALUE = 4_096;

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

    /**
     * Checks the changes, each header at its field ({@code set.X-Env}): names are header names the gateway does not
     * manage itself, values printable literal text of at most {@value #MAX_HEADER_VALUE} characters.
     */
    public void validate(Violations violations) {
        values("add", add, violations);
        values("set", set, violations);
        violations.atMost("remove", remove, PolicyConfig.MAX_LIST);
        violations.each("remove", remove, HeaderTransform::changeableProblem);
        for (Map.Entry<String, String> e : rename.entrySet()) {
            String field = "rename." + e.getKey();
            report(violations, field, changeableProblem(e.getKey()));
            if (!HeaderName.isValid(e.getValue())) {
                violations.add(field, "must rename to a valid HTTP header name");
            } else if (HeaderName.isManaged(e.getValue())) {
                violations.add(field, "cannot rename to " + e.getValue());
            }
        }
    }

    private static void values(String field, Map<String, String> headers, Violations violations) {
        if (headers.size() > PolicyConfig.MAX_LIST) {
            violations.add(field, "must hold at most " + PolicyConfig.MAX_LIST + " headers");
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String entry = field + "." + e.getKey();
            report(violations, entry, changeableProblem(e.getKey()));
            String v = e.getValue();
            if (v == null || v.length() > MAX_HEADER_VALUE || !printable(v)) {
                violations.add(entry, "must be printable text of at most " + MAX_HEADER_VALUE + " characters");
            } else {
                LiteralText.check(violations, entry, v);
            }
        }
    }

    /** Why a policy may not change this header, or {@code null}: it is not a header name or the gateway's own. */
    static String changeableProblem(String name) {
        if (!HeaderName.isValid(name)) {
            return HeaderName.INVALID;
        }
        return HeaderName.isManaged(name) ? name + " is managed by the gateway and cannot be changed" : null;
    }

    private static void report(Violations violations, String field, String problem) {
        if (problem != null) {
            violations.add(field, problem);
        }
    }

    private static boolean printable(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
