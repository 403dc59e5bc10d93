package dev.gatehouse.runtime.routing;

/**
 * Refuses request paths that upstreams could read differently from the gateway. A path with a dot segment
 * ({@code /./}, {@code /../}, also written {@code %2e}) would let {@code /public/../admin} match the route for
 * {@code /public} and then reach {@code /admin} on an upstream that normalises it; a malformed percent escape or
 * an encoded NUL has no single meaning at all. Encoded separators ({@code %2F}, {@code \}, {@code %5C}) count as
 * separators for the dot check, because some upstreams decode them before normalising. Such requests are
 * answered 400 {@code invalid_path} instead of being routed.
 */
public final class PathValidator {

    private PathValidator() {
    }

    /** True when the raw path starts with {@code /}, has only valid percent escapes and no dot segments. */
    public static boolean isSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int length = rawPath.length();
        int dots = 0;
        boolean other = false;
        int i = 1;
        while (i <= length) {
            int width = 1;
            boolean separator;
            boolean dot = false;
            if (i == length) {
                separator = true;
            } else {
                char c = rawPath.charAt(i);
                if (c == '%') {
                    if (i + 2 >= length || !isHex(rawPath.charAt(i + 1)) || !isHex(rawPath.charAt(i + 2))) {
                        return false;
                    }
                    int value = Character.digit(rawPath.charAt(i + 1), 16) * 16
                            + Character.digit(rawPath.charAt(i + 2), 16);
                    if (value == 0) {
                        return false;
                    }
                    width = 3;
                    separator = value == '/' || value == '\\';
                    dot = value == '.';
                } else {
                    separator = c == '/' || c == '\\';
                    dot = c == '.';
                }
            }
            if (separator) {
                if (!other && (dots == 1 || dots == 2)) {
                    return false;
                }
                dots = 0;
                other = false;
            } else if (dot) {
                dots++;
            } else {
                other = true;
            }
            i += width;
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
