package dev.gatehouse.config.composite;

import dev.gatehouse.config.http.HeaderName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A step's path, query or header value as literal text and variables, parsed once. Variables:
 * <ul>
 *   <li>{@code {path.N}}: the N-th segment (from 0) of the client's request path, as sent (still percent-encoded);</li>
 *   <li>{@code {query.name}}: the first value of the client's query parameter {@code name};</li>
 *   <li>{@code {header.Name}}: the client's request header {@code Name};</li>
 *   <li>{@code {step.name/pointer}}: the scalar at the JSON Pointer in the answer of an earlier step.</li>
 * </ul>
 * Nothing is ever evaluated: a variable is replaced by a value, and {@code ${...}} or {@code #{...}} are refused.
 *
 * @param text  the template as written
 * @param parts literal text and variables, in order
 */
public record ValueTemplate(String text, List<Part> parts) {

    /** Longest template accepted. */
    public static final int MAX_LENGTH = 1_024;
    /** Highest path segment index a template may name. */
    public static final int MAX_SEGMENT = 31;

    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    public ValueTemplate {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, PathSegment, QueryParam, RequestHeader, StepValue {
    }

    /** Literal text, copied as written. */
    public record Literal(String text) implements Part {
    }

    /** The {@code index}-th segment of the client's request path. */
    public record PathSegment(int index) implements Part {
    }

    /** The first value of a client query parameter. */
    public record QueryParam(String name) implements Part {
    }

    /** A client request header. */
    public record RequestHeader(String name) implements Part {
    }

    /** A scalar from an earlier step's JSON answer. */
    public record StepValue(String step, String pointer) implements Part {
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException with a message for the person who wrote it when the text is not a template
     */
    public static ValueTemplate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int close = text.indexOf('}', at);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("has a } without a matching {");
            }
            if (open < 0) {
                parts.add(literal(text.substring(at)));
                break;
            }
            if (open > at) {
                String before = text.substring(at, open);
                if (before.endsWith("$") || before.endsWith("#")) {
                    throw new IllegalArgumentException("must be literal text and {variables}: expressions such as "
                            + "${...} or #{...} are not evaluated and not accepted");
                }
                parts.add(literal(before));
            }
            if (close < 0) {
                throw new IllegalArgumentException("has a { without a matching }");
            }
            parts.add(variable(text.substring(open + 1, close)));
            at = close + 1;
        }
        return new ValueTemplate(text, parts);
    }

    /** Why the text is not a template, or {@code null} when it is one. */
    public static String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The names of the steps whose answers this template uses, in order of first use. */
    public Set<String> steps() {
        Set<String> steps = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof StepValue value) {
                steps.add(value.step());
            }
        }
        return steps;
    }

    /** True when the template is literal text only. */
    public boolean isLiteral() {
        return parts.stream().allMatch(Literal.class::isInstance);
    }

    private static Literal literal(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("must not contain control characters");
            }
        }
        return new Literal(text);
    }

    private static Part variable(String body) {
        String usage = "{" + body + "} is not a variable: use {path.N}, {query.name}, {header.Name} or "
                + "{step.name/json-pointer}";
        int dot = body.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(usage);
        }
        String source = body.substring(0, dot);
        String key = body.substring(dot + 1);
        switch (source) {
            case "path" -> {
                if (!key.matches("[0-9]{1,2}") || Integer.parseInt(key) > MAX_SEGMENT) {
                    throw new IllegalArgumentException("{" + body + "}: a path segment index must be 0 to "
                            + MAX_SEGMENT);
                }
                return new PathSegment(Integer.parseInt(key));
            }
            case "query" -> {
                if (!QUERY_NAME.matcher(key).matches()) {
                    throw new IllegalArgumentException("{" + body + "}: a query parameter name must be 1 to 64 "
                            + "letters, digits or ._~-");
                }
                return new QueryParam(key);
            }
            case "header" -> {
                if (!HeaderName.isValid(key)) {
                    throw new IllegalArgumentException("{" + body + "}: " + HeaderName.INVALID);
                }
                return new RequestHeader(key);
            }
            case "step" -> {
                int slash = key.indexOf('/');
                String step = slash < 0 ? key : key.substring(0, slash);
                if (slash < 0 || !CompositeStep.NAME.matcher(step).matches()) {
                    throw new IllegalArgumentException("{" + body + "}: write {step.name/json-pointer}, such as "
                            + "{step.catalogue/sellerId}");
                }
                String pointer = key.substring(slash);
                String problem = JsonPointers.problem(pointer);
                if (problem != null) {
                    throw new IllegalArgumentException("{" + body + "}: the pointer " + problem);
                }
                return new StepValue(step, pointer);
            }
            default -> throw new IllegalArgumentException(usage);
        }
    }
}
