package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives back the secrets a document leaves out: wherever a value is {@link Redaction#MARKER} it means "keep the
 * current value", taken from the same path of the object's current form; where there is none (a new object, a
 * secret never set) that is an error naming the field, since a secret cannot be made up.
 */
final class KeptSecrets {

    private KeptSecrets() {
    }

    /**
     * A copy of {@code form} with each marker replaced by the current value at its path.
     *
     * @param current the object's current form (secrets in clear), or null when it does not exist
     * @param path    the object's path in the document, for errors
     */
    static ObjectNode fill(ObjectNode form, ObjectNode current, String path, List<Violation> errors) {
        ObjectNode copy = form.deepCopy();
        walk(copy, current, path, errors);
        return copy;
    }

    private static void walk(JsonNode node, JsonNode current, String path, List<Violation> errors) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                JsonNode now = current == null ? null : current.get(field.getKey());
                String at = path + "." + field.getKey();
                if (marker(field.getValue())) {
                    object.set(field.getKey(), keep(now, at, errors));
                } else {
                    walk(field.getValue(), now, at, errors);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode now = current != null && current.isArray() && i < current.size() ? current.get(i) : null;
                String at = path + "[" + i + "]";
                if (marker(array.get(i))) {
                    array.set(i, keep(now, at, errors));
                } else {
                    walk(array.get(i), now, at, errors);
                }
            }
        }
    }

    private static JsonNode keep(JsonNode now, String at, List<Violation> errors) {
        if (now == null || now.isNull() || marker(now)) {
            errors.add(new Violation(at, "is \"" + Redaction.MARKER + "\" (keep the current value) but there is no"
                    + " current value to keep; give the value itself"));
            return tools.jackson.databind.node.NullNode.getInstance();
        }
        return now.deepCopy();
    }

    private static boolean marker(JsonNode node) {
        return node != null && node.isString() && Redaction.MARKER.equals(node.stringValue());
    }
}
