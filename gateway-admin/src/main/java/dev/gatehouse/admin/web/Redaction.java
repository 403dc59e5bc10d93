package dev.gatehouse.admin.web;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces secrets in an object's JSON before it is stored in the audit trail or the configuration
 * history, or exported, so that none of them ever holds a
 * JWT HS secret, the cluster's key-hashing secret, a key hash, a token or a password. A field is secret by its
 * name (any depth): one containing {@code secret}, {@code password}, {@code token}, {@code privatekey},
 * {@code credential}, or one that is or ends with {@code hash} (case-insensitive). Header maps of transform policies
 * are objects keyed by header name, so a header set to a credential ({@code Authorization}, {@code Cookie},
 * {@code X-Api-Key}...) is redacted by the same rule. Redacting by name rather than by listing today's fields also
 * covers a secret field added to the contract later.
 * <p>
 * A secret that changed is still visible as a change: the "after" side says {@link #CHANGED} when the value
 * differs from the "before" side, without storing either value or anything derived from them.
 */
public final class Redaction {

    /** Stands for a secret value. */
    public static final String MARKER = "[redacted]";
    /** Stands for a secret value that differs from the one before. */
    public static final String CHANGED = "[redacted, changed]";

    private static final List<String> SECRET_PARTS = List.of("secret", "password", "token", "privatekey",
            "credential", "authorization", "cookie", "apikey", "api-key");

    private Redaction() {
    }

    /** Whether a field of this name holds a secret. */
    public static boolean secret(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.endsWith("hash") || SECRET_PARTS.stream().anyMatch(name::contains);
    }

    /** A copy of the "before" side with every secret replaced by {@link #MARKER}; null stays null. */
    public static JsonNode before(JsonNode before) {
        return redact(before, null, false);
    }

    /**
     * A copy of the "after" side with every secret replaced by {@link #MARKER}, or by {@link #CHANGED} where
     * {@code before} (unredacted) held a different value or none.
     */
    public static JsonNode after(JsonNode after, JsonNode before) {
        return redact(after, before, true);
    }

    private static JsonNode redact(JsonNode node, JsonNode other, boolean markChanges) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        walk(copy, other, markChanges);
        return copy;
    }

    private static void walk(JsonNode node, JsonNode other, boolean markChanges) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                JsonNode otherValue = other == null ? null : other.get(name);
                if (secret(name) && !value.isNull()) {
                    boolean changed = markChanges && other != null && !value.equals(otherValue);
                    object.put(name, changed ? CHANGED : MARKER);
                } else {
                    walk(value, otherValue, markChanges);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode otherValue = other != null && other.isArray() && i < other.size() ? other.get(i) : null;
                walk(array.get(i), otherValue, markChanges);
            }
        }
    }
}
