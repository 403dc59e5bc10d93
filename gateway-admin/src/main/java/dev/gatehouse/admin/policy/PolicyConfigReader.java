package dev.gatehouse.admin.policy;

import dev.gatehouse.admin.web.TooManyItemsException;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code config} object of a policy request into its typed record, or explains field by field why it
 * cannot: a missing or unknown {@code type}, a field the type does not have, a value of the wrong kind. Uses the
 * application's strict mapper (unknown fields are errors), not the contract's lenient one, which only reads what
 * the admin itself wrote.
 */
@Component
class PolicyConfigReader {

    private static final String TYPES = PolicyType.names();

    private final JsonMapper mapper;

    PolicyConfigReader(JsonMapper mapper) {
        // Absent numbers and flags read as 0 and false, which the validator then judges field by field.
        this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    /** The configuration, or the violations (added to {@code out}) that keep it from being read. */
    PolicyConfig read(JsonNode config, List<Violation> out) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            out.add(new Violation("config", "is required: an object with a \"type\" (" + TYPES + ")"));
            return null;
        }
        if (!config.isObject()) {
            out.add(new Violation("config", "must be an object with a \"type\" (" + TYPES + ")"));
            return null;
        }
        JsonNode type = config.get("type");
        if (type == null || type.isNull()) {
            out.add(new Violation("config.type", "is required: one of " + TYPES));
            return null;
        }
        if (!type.isString() || PolicyType.of(type.asString()) == null) {
            out.add(new Violation("config.type", "must be one of " + TYPES));
            return null;
        }
        int before = out.size();
        nullEntries(config, "config", out);
        if (out.size() > before) {
            return null;
        }
        try {
            return mapper.treeToValue(config, PolicyConfig.class);
        } catch (UnrecognizedPropertyException e) {
            out.add(new Violation(field(e), "is not a field of a " + type.asString() + " policy"));
        } catch (InvalidFormatException e) {
            out.add(new Violation(field(e), e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "must be one of " + enumValues(e.getTargetType()) : "must be " + describe(e.getTargetType())));
        } catch (TooManyItemsException e) {
            out.add(new Violation(field(e), "must hold at most " + e.limit() + " entries"));
        } catch (MismatchedInputException e) {
            out.add(new Violation(field(e), "must be " + describe(e.getTargetType())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // A record's compact constructor refusing a value (a null list entry) arrives wrapped like this.
            out.add(new Violation(e instanceof JacksonException je ? field(je) : "config",
                    "has an invalid value (lists must not contain null)"));
        }
        return null;
    }

    /** Null list entries, which the contract's records refuse, reported where they are. */
    private static void nullEntries(JsonNode node, String path, List<Violation> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    out.add(new Violation(path + "[" + i + "]", "must not be null"));
                } else {
                    nullEntries(node.get(i), path + "[" + i + "]", out);
                }
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                nullEntries(entry.getValue(), path + "." + entry.getKey(), out);
            }
        }
    }

    private static String field(JacksonException e) {
        StringBuilder out = new StringBuilder("config");
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> PolicySchema.jsonName((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == long.class || Number.class.isAssignableFrom(type)) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        return "an object";
    }
}
