package dev.gatehouse.runtime.proxy;

/**
 * Whether a request target, as written on the request line, can become the {@code java.net.URI} Spring builds for
 * every request ({@code scheme://host} followed by the target from its path on). A target it cannot parse never
 * reaches the gateway's filters: Spring answers it a bare 400 without a body. This check mirrors the characters
 * {@code java.net.URI} (RFC 2396) accepts so that such targets are refused earlier, with a problem body.
 *
 * <p>Allowed in the path: unreserved characters, {@code ;/:@&=+$,} and {@code %XX} escapes; in the query and the
 * fragment also {@code ?} and {@code []}; everywhere non-ASCII characters that are neither ISO controls nor space
 * characters. One scan, no allocation.
 */
final class RequestTargetSyntax {

    private static final int PATH = 1;
    private static final int QUERY = 2;

    /** Per ASCII character: the parts it is allowed in, as bits. */
    private static final byte[] ALLOWED = new byte[128];

    static {
        String both = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()" + ";/:@&=+$,";
        for (int i = 0; i < both.length(); i++) {
            ALLOWED[both.charAt(i)] = PATH | QUERY;
        }
        for (char c : "?[]".toCharArray()) {
            ALLOWED[c] = QUERY;
        }
    }

    private RequestTargetSyntax() {
    }

    /** True when {@code target} (origin, absolute or asterisk form) parses as a URI after Spring's host prefix. */
    static boolean isValid(String target) {
        int length = target.length();
        int part = PATH;
        boolean inFragment = false;
        for (int i = start(target); i < length; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c == '?' && part == PATH) {
                part = QUERY;
            } else if (c == '#' && !inFragment) {
                part = QUERY;
                inFragment = true;
            } else if (c < 128) {
                if ((ALLOWED[c] & part) == 0) {
                    return false;
                }
            } else if (Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the part Spring keeps begins: after {@code scheme://authority} of an absolute-form target (its authority
     * is replaced by the Host), else at 0. Follows Spring's {@code ReactorUriHelper}.
     */
    private static int start(String target) {
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return 0;
            }
            if (c == ':' && i + 2 < length && target.charAt(i + 1) == '/' && target.charAt(i + 2) == '/') {
                for (int j = i + 3; j < length; j++) {
                    c = target.charAt(j);
                    if (c == '/' || c == '?' || c == '#') {
                        return j;
                    }
                }
                return length;
            }
        }
        return 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
