package dev.gatehouse.runtime.composite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.composite.ValueTemplate;
import dev.gatehouse.config.composite.ValueTemplate.Literal;
import dev.gatehouse.config.composite.ValueTemplate.PathSegment;
import dev.gatehouse.config.composite.ValueTemplate.QueryParam;
import dev.gatehouse.config.composite.ValueTemplate.RequestHeader;
import dev.gatehouse.config.composite.ValueTemplate.StepValue;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A step's path, query value or header value template, compiled once per configuration for the place its value
 * goes ({@link Place}): literal text prepared for that place, client variables and earlier steps' values (their JSON
 * Pointers split). Expanding it only reads and appends.
 *
 * <p>Encoding: in a path, a value is percent-encoded as one segment (everything but letters, digits and
 * {@code -._~}), except {@code {path.N}}, which is copied as the client sent it (already encoded, canonical); in a
 * query, values and literals are percent-encoded the same way and a {@code {path.N}} keeps its escapes; in a header,
 * values are copied as they are, and refused when they hold control characters. A path value that is empty,
 * {@code .} or {@code ..} is refused, so no value can climb out of the path its template gives.
 */
final class Template {

    /** Where an expanded value goes. */
    enum Place { PATH, QUERY, HEADER }

    /** A variable reading an earlier step's answer. */
    record StepRef(int step, String name, String pointerText, JsonPointer pointer) {
    }

    private final String text;
    private final Place place;
    /** String (literal, already prepared), PathSegment, QueryParam, RequestHeader or StepRef. */
    private final Object[] parts;

    private Template(String text, Place place, Object[] parts) {
        this.text = text;
        this.place = place;
        this.parts = parts;
    }

    /**
     * Compiles {@code text} for {@code place}; {@code steps} maps step names to their index.
     *
     * @throws IllegalArgumentException when the text is not a template, names an unknown step, or a path literal
     *                                  holds a character a URL path cannot carry
     */
    static Template compile(String text, Place place, Map<String, Integer> steps) {
        ValueTemplate parsed = ValueTemplate.parse(text);
        List<Object> parts = new ArrayList<>();
        for (ValueTemplate.Part part : parsed.parts()) {
            if (part instanceof Literal literal) {
                parts.add(literal(literal.text(), place));
            } else if (part instanceof StepValue value) {
                Integer index = steps.get(value.step());
                if (index == null) {
                    throw new IllegalArgumentException("{step." + value.step() + value.pointer()
                            + "} names no step of this route");
                }
                parts.add(new StepRef(index, value.step(), value.pointer(), JsonPointer.compile(value.pointer())));
            } else {
                parts.add(part);
            }
        }
        return new Template(text, place, parts.toArray());
    }

    private static String literal(String text, Place place) {
        return switch (place) {
            case PATH -> {
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    boolean escape = c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1))
                            && isHex(text.charAt(i + 2));
                    if (!escape && c != '/' && !isPathChar(c)) {
                        throw new IllegalArgumentException("the path template '" + text + "' holds '" + c
                                + "', which a URL path cannot carry: write it percent-encoded");
                    }
                }
                yield text;
            }
            case QUERY -> encode(text);
            case HEADER -> text;
        };
    }

    /** The template as written. */
    String text() {
        return text;
    }

    /** The client variables of this template (path segments, query parameters, headers). */
    List<ValueTemplate.Part> clientParts() {
        List<ValueTemplate.Part> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof PathSegment || part instanceof QueryParam || part instanceof RequestHeader) {
                out.add((ValueTemplate.Part) part);
            }
        }
        return out;
    }

    /** Where its value goes. */
    Place place() {
        return place;
    }

    /**
     * Appends the expanded template to {@code out}.
     *
     * @param answers earlier steps' answers, by step index
     * @throws ClientInputException when a client variable is missing or its value cannot go here
     * @throws StepInputException   when an earlier step's answer has no usable value at a pointer
     */
    void expand(RequestInputs inputs, JsonNode[] answers, StringBuilder out) {
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else if (part instanceof PathSegment segment && place != Place.HEADER) {
                String raw = clientValue(segment, inputs, place);
                out.append(place == Place.QUERY ? encodeKeepingEscapes(raw) : raw);
            } else if (part instanceof StepRef ref) {
                out.append(place(stepValue(ref, answers), ref));
            } else {
                String value = clientValue((ValueTemplate.Part) part, inputs, place);
                out.append(place == Place.HEADER ? value : encode(value));
            }
        }
    }

    /**
     * The value of client variable {@code part} for a value going to {@code place}.
     *
     * @throws ClientInputException when it is missing or cannot go there
     */
    static String clientValue(ValueTemplate.Part part, RequestInputs inputs, Place place) {
        String value;
        if (part instanceof PathSegment segment) {
            value = inputs.segment(segment.index());
        } else if (part instanceof QueryParam query) {
            value = inputs.query(query.name());
        } else if (part instanceof RequestHeader header) {
            value = inputs.header(header.name());
        } else {
            throw new IllegalStateException("not a client variable: " + part);
        }
        String variable = variable(part);
        if (value == null) {
            throw new ClientInputException(variable, true, "is missing from the request");
        }
        String problem = problem(value, place);
        if (problem != null) {
            throw new ClientInputException(variable, false, problem);
        }
        return value;
    }

    /** The variable as a template writes it, such as {@code {query.id}}. */
    static String variable(ValueTemplate.Part part) {
        if (part instanceof PathSegment segment) {
            return "{path." + segment.index() + "}";
        }
        if (part instanceof QueryParam query) {
            return "{query." + query.name() + "}";
        }
        if (part instanceof RequestHeader header) {
            return "{header." + header.name() + "}";
        }
        if (part instanceof StepValue value) {
            return "{step." + value.step() + value.pointer() + "}";
        }
        return ((Literal) part).text();
    }

    private static String stepValue(StepRef ref, JsonNode[] answers) {
        JsonNode answer = answers[ref.step()];
        JsonNode value = answer == null ? null : answer.at(ref.pointer());
        String variable = "{step." + ref.name() + ref.pointerText() + "}";
        if (value == null || value.isMissingNode()) {
            throw new StepInputException(variable + ": the answer of step '" + ref.name() + "' has nothing at "
                    + ref.pointerText());
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw new StepInputException(variable + ": the answer of step '" + ref.name() + "' has "
                    + (value.isNull() ? "null" : value.isObject() ? "an object" : "an array") + " at "
                    + ref.pointerText() + ", not a string, number or boolean");
        }
        return value.asString();
    }

    private String place(String value, StepRef ref) {
        String problem = problem(value, place);
        if (problem != null) {
            throw new StepInputException("{step." + ref.name() + ref.pointerText() + "} " + problem);
        }
        return place == Place.HEADER ? value : encode(value);
    }

    /** Why {@code value} cannot go to {@code place}, or null. */
    private static String problem(String value, Place place) {
        if (place == Place.PATH && (value.isEmpty() || value.equals(".") || value.equals(".."))) {
            return "is '" + value + "', which cannot be a path segment";
        }
        if (place == Place.HEADER) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && c != '\t') {
                    return "holds control characters, which a header cannot carry";
                }
            }
        }
        return null;
    }

    /** Percent-encodes everything but letters, digits and {@code -._~}, as UTF-8. */
    static String encode(String value) {
        return encode(value, false);
    }

    /** The same, leaving {@code %XX} escapes as they are. */
    static String encodeKeepingEscapes(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean keepEscapes) {
        int i = 0;
        while (i < value.length() && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        byte[] bytes = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (int b = 0; b < bytes.length; b++) {
            int c = bytes[b] & 0xFF;
            if (c < 0x80 && isUnreserved((char) c)) {
                out.append((char) c);
            } else if (keepEscapes && c == '%' && b + 2 < bytes.length && isHex((char) bytes[b + 1])
                    && isHex((char) bytes[b + 2])) {
                out.append('%');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    /** RFC 3986 pchar without {@code %}: unreserved, sub-delims, {@code :} and {@code @}. */
    private static boolean isPathChar(char c) {
        return isUnreserved(c) || "!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
