package dev.gatehouse.admin.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against a schema of the OpenAPI document: types, required and undocumented members
 * ({@code additionalProperties: false}), enums, nullability, arrays and {@code oneOf} with a discriminator. Enough to
 * catch a field the API answers but the document leaves out, or a type it gets wrong; not a full JSON Schema
 * validator (formats, lengths and ranges are not checked).
 */
final class SchemaCheck {

    private static final String COMPONENT = "#/components/schemas/";

    private final Map<String, Schema> components;
    private final List<String> problems = new ArrayList<>();

    private SchemaCheck(Map<String, Schema> components) {
        this.components = components;
    }

    /** Every way {@code value} differs from {@code schema}, each with its JSON path; empty when it matches. */
    static List<String> problems(Schema<?> schema, JsonNode value, Map<String, Schema> components) {
        SchemaCheck check = new SchemaCheck(components);
        check.check(schema, value, "$");
        return check.problems;
    }

    private void check(Schema<?> declared, JsonNode value, String at) {
        Schema<?> schema = resolve(declared);
        if (value == null || value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                problems.add(at + ": null, but the document does not allow null");
            }
            return;
        }
        if (schema.getOneOf() != null) {
            oneOf(schema, value, at);
            return;
        }
        String type = schema.getType();
        if (type == null) {
            return; // any value
        }
        switch (type) {
            case "object" -> object(schema, value, at);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + ": expected an array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.getItems(), value.get(i), at + "[" + i + "]");
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": expected a string, got " + value.getNodeType());
                } else if (schema.getEnum() != null && !schema.getEnum().contains(value.asText())) {
                    problems.add(at + ": '" + value.asText() + "' is not one of " + schema.getEnum());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": expected an integer, got " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(at + ": expected a number, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + ": expected true or false, got " + value);
                }
            }
            default -> problems.add(at + ": the document uses type " + type + ", which this check does not know");
        }
    }

    private void object(Schema<?> schema, JsonNode value, String at) {
        if (!value.isObject()) {
            problems.add(at + ": expected an object, got " + value.getNodeType());
            return;
        }
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        if (schema.getRequired() != null) {
            for (String required : schema.getRequired()) {
                if (!value.has(required)) {
                    problems.add(at + ": required member '" + required + "' is missing");
                }
            }
        }
        Object additional = schema.getAdditionalProperties();
        value.fieldNames().forEachRemaining(name -> {
            JsonNode member = value.get(name);
            if (properties.containsKey(name)) {
                check(properties.get(name), member, at + "." + name);
            } else if (additional instanceof Schema<?> each) {
                check(each, member, at + "." + name);
            } else if (Boolean.FALSE.equals(additional)) {
                problems.add(at + ": member '" + name + "' is not in the document");
            }
        });
    }

    private void oneOf(Schema<?> schema, JsonNode value, String at) {
        if (schema.getDiscriminator() != null) {
            String property = schema.getDiscriminator().getPropertyName();
            String kind = value.path(property).asText("");
            String target = schema.getDiscriminator().getMapping() == null ? null
                    : schema.getDiscriminator().getMapping().get(kind);
            if (target == null) {
                problems.add(at + "." + property + ": '" + kind + "' is not a documented kind");
                return;
            }
            check(new Schema<>().$ref(target), value, at);
            return;
        }
        int matching = 0;
        for (Schema<?> option : schema.getOneOf()) {
            if (problems(option, value, components).isEmpty()) {
                matching++;
            }
        }
        if (matching != 1) {
            problems.add(at + ": matches " + matching + " of the oneOf schemas, not exactly one");
        }
    }

    private Schema<?> resolve(Schema<?> schema) {
        Schema<?> current = schema;
        while (current != null && current.get$ref() != null) {
            String ref = current.get$ref();
            String name = ref.startsWith(COMPONENT) ? ref.substring(COMPONENT.length()) : ref;
            current = components.get(name);
            if (current == null) {
                throw new IllegalArgumentException("the document refers to a schema it does not define: " + ref);
            }
        }
        return current;
    }
}
