package dev.gatehouse.config.http;

import java.util.regex.Pattern;

/**
 * A URL path that others are appended to, such as a service's base path {@code /api}: it starts with {@code /},
 * holds only path characters and valid {@code %XX} escapes, has no {@code .} or {@code ..} segment (escaped or
 * not) and is at most {@value #MAX_LENGTH} characters long.
 *
 * @param value the path as written
 */
public record PathPrefix(String value) {

    /** Longest path accepted. */
    public static final int MAX_LENGTH = 1_024;

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*");
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** @throws IllegalArgumentException when the value is not such a path */
    public PathPrefix {
        if (!isValid(value)) {
            throw new IllegalArgumentException("'" + value + "' must be a path starting with / without dot segments");
        }
    }

    /** True when the text is a path starting with {@code /} with no dot segments and valid escapes. */
    public static boolean isValid(String path) {
        if (path == null || path.length() > MAX_LENGTH || !PATH.matcher(path).matches()
                || BAD_PERCENT.matcher(path).find()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
