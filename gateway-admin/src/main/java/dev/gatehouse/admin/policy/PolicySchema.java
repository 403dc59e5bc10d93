package dev.gatehouse.admin.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.config.policy.PolicyType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The console's form fields of a policy type, generated from its configuration record: each record component
 * becomes an input named by its JSON path ({@code config.limits[0].requests}), so a new policy record gets its
 * form without a template of its own, and a violation reported for a path lands beside the input of that path.
 * Numbers become number inputs, flags checkboxes, enums selects, lists of text one-per-line boxes, maps
 * {@code Name: value} lines, nested records their own fields, and lists of records {@value #ROWS} rows. Each
 * field's help for people is the message {@code policies.help.<type>.<component path>}
 * ({@code policies.help.rate-limit.limits.requests}) in the console's messages.
 */
public final class PolicySchema {

    /** Rows offered for a list of records (such as rate limits: one per window at most). */
    static final int ROWS = 3;

    /** How a field is entered. */
    public enum Kind { NUMBER, TEXT, CHECKBOX, SELECT, LINES, PAIRS }

    /** Prefix of the messages that explain each field. */
    static final String HELP = "policies.help.";

    /**
     * One input.
     *
     * @param path    the JSON path, also the input's name
     * @param label   words for people
     * @param kind    how it is entered
     * @param options the choices of a select (JSON forms), else empty
     * @param numbers true for a list of numbers
     * @param help    the key of the message that explains the field; {@code null} on the second and later rows of
     *                a list of records, which the first row's help already explains
     */
    public record Field(String path, String label, Kind kind, List<String> options, boolean numbers, String help) {
    }

    private PolicySchema() {
    }

    /** The fields of a type's configuration, in record order. */
    static List<Field> fields(PolicyType type) {
        List<Field> out = new ArrayList<>();
        walk(type.configType(), "config", "", HELP + type.value() + ".", true, out);
        return out;
    }

    /** The JSON form of an enum constant (its {@link JsonProperty} name). */
    static String jsonName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(JsonProperty.class);
            return property == null ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    private static void walk(Class<?> record, String prefix, String labelPrefix, String helpPrefix, boolean firstRow,
                             List<Field> out) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + "." + component.getName();
            String label = labelPrefix + words(component.getName());
            String help = helpPrefix + component.getName();
            String shownHelp = firstRow ? help : null;
            Class<?> type = component.getType();
            if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
                out.add(new Field(path, label, Kind.NUMBER, List.of(), false, shownHelp));
            } else if (type == boolean.class || type == Boolean.class) {
                out.add(new Field(path, label, Kind.CHECKBOX, List.of(), false, shownHelp));
            } else if (type == String.class) {
                out.add(new Field(path, label, Kind.TEXT, List.of(), false, shownHelp));
            } else if (type.isEnum()) {
                out.add(new Field(path, label, Kind.SELECT, Arrays.stream(type.getEnumConstants())
                        .map(c -> jsonName((Enum<?>) c)).toList(), false, shownHelp));
            } else if (List.class.isAssignableFrom(type)) {
                Class<?> element = argument(component.getGenericType(), 0);
                if (element.isRecord()) {
                    for (int i = 0; i < ROWS; i++) {
                        walk(element, path + "[" + i + "]", label + " " + (i + 1) + " › ", help + ".",
                                firstRow && i == 0, out);
                    }
                } else {
                    out.add(new Field(path, label, Kind.LINES, List.of(), Number.class.isAssignableFrom(element),
                            shownHelp));
                }
            } else if (java.util.Map.class.isAssignableFrom(type)) {
                out.add(new Field(path, label, Kind.PAIRS, List.of(), false, shownHelp));
            } else if (type.isRecord()) {
                walk(type, path, label + " › ", help + ".", firstRow, out);
            } else {
                throw new IllegalStateException("no form input for " + type + " in " + record);
            }
        }
    }

    private static Class<?> argument(Type generic, int index) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[index] instanceof Class<?> c) {
            return c;
        }
        return String.class;
    }

    /** {@code allowOrigins} as {@code Allow origins}. */
    static String words(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c) && !out.isEmpty()) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(out.isEmpty() ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }
}
