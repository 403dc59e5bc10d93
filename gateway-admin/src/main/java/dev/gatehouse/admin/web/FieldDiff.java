package dev.gatehouse.admin.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A field-by-field comparison of an object's JSON before and after: an audit record's, a configuration
 * revision's, an import's. Both sides
 * are flattened to paths ({@code jwt.algorithms[0]}) with their values as text; a path only after is added, only
 * before is removed, on both sides with different text is changed. Unchanged fields are counted, not listed.
 *
 * @param rows      the fields that differ, in the order they appear (before's order, then fields only after)
 * @param unchanged how many fields are the same on both sides
 */
public record FieldDiff(List<Row> rows, int unchanged) {

    /** How a field differs. */
    public enum Change {
        ADDED, REMOVED, CHANGED
    }

    /**
     * One field that differs.
     *
     * @param path   where it is
     * @param change how it differs
     * @param before its value before as text, or null when added
     * @param after  its value after as text, or null when removed
     */
    public record Row(String path, Change change, String before, String after) {
    }

    public static FieldDiff of(JsonNode before, JsonNode after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        Set<String> paths = new LinkedHashSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<Row> rows = new ArrayList<>();
        int unchanged = 0;
        for (String path : paths) {
            String was = old.get(path);
            String is = now.get(path);
            if (was == null) {
                rows.add(new Row(path, Change.ADDED, null, is));
            } else if (is == null) {
                rows.add(new Row(path, Change.REMOVED, was, null));
            } else if (!was.equals(is)) {
                rows.add(new Row(path, Change.CHANGED, was, is));
            } else {
                unchanged++;
            }
        }
        return new FieldDiff(rows, unchanged);
    }

    /** Every leaf of the tree by its path; an empty object or array is a leaf ({@code {}}, {@code []}). */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            flatten("", node, leaves);
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path.isEmpty() ? "(value)" : path, node.isString() ? node.stringValue() : node.toString());
        }
    }
}
