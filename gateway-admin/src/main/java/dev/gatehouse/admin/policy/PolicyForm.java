package dev.gatehouse.admin.policy;

import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.PolicyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A submitted (or prefilled) console policy form: the general fields and the generated configuration fields as
 * text by input name, and the errors by input name. Turns the inputs into the API's {@link PolicyRequest} and the
 * API's violations back onto the inputs, so the console validates exactly as the API does.
 */
final class PolicyForm {

    static final List<String> GENERAL = List.of("name", "enabled", "scope", "service", "route", "consumer", "plan");

    private final PolicyType type;
    private final List<PolicySchema.Field> fields;
    private final Map<String, String> values;
    private final Map<String, List<String>> errors = new HashMap<>();
    private final List<String> globalErrors = new ArrayList<>();
    /** Where a list entry sent as {@code config.limits[0]} came from, when blank rows were left out. */
    private final Map<String, String> rows = new HashMap<>();
    // The version the form was filled from (a hidden input), the one server-owned value sent back, as a check.
    private Long version;
    private boolean stale;

    private PolicyForm(PolicyType type, Map<String, String> values) {
        this.type = type;
        this.fields = PolicySchema.fields(type);
        this.values = values;
    }

    /** An empty form for a new policy: enabled, global. */
    static PolicyForm blank(PolicyType type) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("enabled", "true");
        values.put("scope", "global");
        return new PolicyForm(type, values);
    }

    /** The form as submitted; only known inputs are kept. */
    static PolicyForm submitted(PolicyType type, Map<String, String> params) {
        PolicyForm form = new PolicyForm(type, new LinkedHashMap<>());
        for (String name : GENERAL) {
            form.values.put(name, params.getOrDefault(name, "").strip());
        }
        for (PolicySchema.Field field : form.fields) {
            form.values.put(field.path(), params.getOrDefault(field.path(), ""));
        }
        form.version = parseVersion(params.get("version"));
        return form;
    }

    /** The form filled from a stored policy. */
    static PolicyForm of(PolicyView policy, JsonMapper mapper) {
        PolicyForm form = new PolicyForm(PolicyType.of(policy.type()), new LinkedHashMap<>());
        form.version = policy.version();
        form.values.put("name", policy.name());
        form.values.put("enabled", Boolean.toString(policy.enabled()));
        form.values.put("scope", policy.scope());
        form.values.put("service", nonNull(policy.service()));
        form.values.put("route", nonNull(policy.route()));
        form.values.put("consumer", nonNull(policy.consumer()));
        form.values.put("plan", nonNull(policy.plan()));
        JsonNode config = mapper.valueToTree(policy.config());
        for (PolicySchema.Field field : form.fields) {
            JsonNode node = at(config, field.path().substring("config.".length()));
            form.values.put(field.path(), text(node, field.kind()));
        }
        return form;
    }

    /** The API request these inputs make; blank inputs are left out, so the record's defaults apply. */
    PolicyRequest toRequest(JsonMapper mapper) {
        ObjectNode config = mapper.createObjectNode();
        config.put("type", type.value());
        for (PolicySchema.Field field : fields) {
            String raw = values.getOrDefault(field.path(), "");
            JsonNode value = value(field, raw, mapper);
            if (value != null) {
                put(config, field.path().substring("config.".length()), value, mapper);
            }
        }
        compactRows(config, "config", mapper);
        return new PolicyRequest(values.get("name"), "true".equals(values.get("enabled")) || "on".equals(values.get("enabled")),
                values.get("scope"), values.get("service"), values.get("route"), values.get("consumer"),
                values.get("plan"), config);
    }

    /** Puts each violation beside the input it concerns; what concerns no input goes on top of the form. */
    void reject(List<Violation> violations) {
        for (Violation violation : violations) {
            String field = original(violation.field());
            String input = inputFor(field);
            if (input == null) {
                globalErrors.add(field == null ? violation.message() : field + " " + violation.message());
            } else {
                errors.computeIfAbsent(input, k -> new ArrayList<>()).add(violation.message());
            }
        }
    }

    /** Adds an error about the whole form. */
    void reject(String message) {
        globalErrors.add(message);
    }

    private String inputFor(String field) {
        if (field == null) {
            return null;
        }
        if (GENERAL.contains(field) || values.containsKey(field)) {
            return field;
        }
        String best = null;
        for (PolicySchema.Field f : fields) {
            if ((field.startsWith(f.path() + ".") || field.startsWith(f.path() + "["))
                    && (best == null || f.path().length() > best.length())) {
                best = f.path();
            }
        }
        return best;
    }

    private String original(String field) {
        if (field == null) {
            return null;
        }
        for (Map.Entry<String, String> row : rows.entrySet()) {
            if (field.equals(row.getKey()) || field.startsWith(row.getKey() + ".")) {
                return row.getValue() + field.substring(row.getKey().length());
            }
        }
        return field;
    }

    private static JsonNode value(PolicySchema.Field field, String raw, JsonMapper mapper) {
        String text = raw == null ? "" : raw.strip();
        switch (field.kind()) {
            case CHECKBOX:
                return "true".equals(text) || "on".equals(text) ? mapper.getNodeFactory().booleanNode(true) : null;
            case NUMBER:
                return text.isEmpty() ? null : number(text, mapper);
            case TEXT:
            case SELECT:
                return text.isEmpty() ? null : mapper.getNodeFactory().stringNode(text);
            case LINES: {
                ArrayNode array = mapper.createArrayNode();
                text.lines().map(String::strip).filter(l -> !l.isEmpty())
                        .forEach(l -> array.add(field.numbers() ? number(l, mapper) : mapper.getNodeFactory().stringNode(l)));
                return array.isEmpty() ? null : array;
            }
            case PAIRS: {
                ObjectNode object = mapper.createObjectNode();
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
                    int colon = line.indexOf(':');
                    object.put(colon < 0 ? line : line.substring(0, colon).strip(),
                            colon < 0 ? null : line.substring(colon + 1).strip());
                });
                return object.isEmpty() ? null : object;
            }
            default:
                throw new IllegalStateException("unknown kind " + field.kind());
        }
    }

    // A number that does not parse is sent as text, so the API names the field and says a number is expected.
    private static JsonNode number(String text, JsonMapper mapper) {
        try {
            return mapper.getNodeFactory().numberNode(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return mapper.getNodeFactory().stringNode(text);
        }
    }

    /** Puts a value at a path such as {@code limits[1].requests}, creating objects and arrays on the way. */
    private static void put(ObjectNode root, String path, JsonNode value, JsonMapper mapper) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String part = parts[i];
            int bracket = part.indexOf('[');
            ObjectNode object = (ObjectNode) node;
            if (bracket < 0) {
                if (last) {
                    object.set(part, value);
                } else {
                    node = object.has(part) ? object.get(part) : object.putObject(part);
                }
            } else {
                String name = part.substring(0, bracket);
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                ArrayNode array = object.has(name) ? (ArrayNode) object.get(name) : object.putArray(name);
                while (array.size() <= index) {
                    array.addNull();
                }
                if (array.get(index).isNull()) {
                    array.set(index, mapper.createObjectNode());
                }
                node = array.get(index);
            }
        }
    }

    /** Drops the rows left blank and remembers where the rest came from. */
    private void compactRows(ObjectNode object, String path, JsonMapper mapper) {
        for (var entry : new ArrayList<>(object.properties())) {
            JsonNode child = entry.getValue();
            String childPath = path + "." + entry.getKey();
            if (child.isArray() && child.size() > 0 && (child.get(0).isObject() || child.get(0).isNull())) {
                ArrayNode compact = mapper.createArrayNode();
                for (int i = 0; i < child.size(); i++) {
                    if (!child.get(i).isNull()) {
                        rows.put(childPath + "[" + compact.size() + "]", childPath + "[" + i + "]");
                        compact.add(child.get(i));
                    }
                }
                object.set(entry.getKey(), compact);
            } else if (child.isObject()) {
                compactRows((ObjectNode) child, childPath, mapper);
            }
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            node = node == null ? null : node.get(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0 && node != null) {
                node = node.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return node;
    }

    private static String text(JsonNode node, PolicySchema.Kind kind) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (kind == PolicySchema.Kind.LINES) {
            List<String> lines = new ArrayList<>();
            node.forEach(n -> lines.add(n.asString()));
            return String.join("\n", lines);
        }
        if (kind == PolicySchema.Kind.PAIRS) {
            List<String> lines = new ArrayList<>();
            node.properties().forEach(e -> lines.add(e.getKey() + ": " + e.getValue().asString()));
            return String.join("\n", lines);
        }
        return node.asString();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    PolicyType type() {
        return type;
    }

    List<PolicySchema.Field> fields() {
        return fields;
    }

    /** The version of the stored policy the form was filled from; null for a new policy. */
    Long version() {
        return version;
    }

    /** Marks the form as based on a version someone else has changed since; nothing was saved. */
    void markStale() {
        stale = true;
    }

    /** Whether someone else saved the policy after this form was filled. */
    boolean isStale() {
        return stale;
    }

    // A value that is not a number can only come from a tampered page: check it, so it never matches.
    private static Long parseVersion(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    Map<String, String> values() {
        return values;
    }

    Map<String, List<String>> errors() {
        return errors;
    }

    List<String> globalErrors() {
        return globalErrors;
    }

    boolean hasErrors() {
        return !errors.isEmpty() || !globalErrors.isEmpty();
    }
}
