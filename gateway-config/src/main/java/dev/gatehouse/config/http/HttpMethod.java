package dev.gatehouse.config.http;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTTP methods a route, a CORS policy or a retry policy may name, in the order admins think of them (the
 * console lists them so), rather than alphabetical.
 * Configurations spell them in upper case, exactly as here.
 */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE;

    private static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();
    private static final String PROBLEM = "must be one of "
            + NAMES.stream().sorted().collect(Collectors.joining(", "));

    /** Every method's name, in the order the console lists them. */
    public static List<String> names() {
        return NAMES;
    }

    /** True when the text names a method exactly ({@code GET}, not {@code get}). */
    public static boolean isValid(String name) {
        return name != null && NAMES.contains(name);
    }

    /** Why the text is not a method ({@code must be one of DELETE, GET, ...}), or {@code null} when it is one. */
    public static String problem(String name) {
        return isValid(name) ? null : PROBLEM;
    }
}
