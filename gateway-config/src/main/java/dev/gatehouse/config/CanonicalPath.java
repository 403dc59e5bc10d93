package dev.gatehouse.config;

/**
 * The one spelling of a request path that the gateway routes on and forwards. Upstream frameworks resolve many
 * spellings to the same resource ({@code /ADMIN}, {@code //admin}, {@code /%61dmin}, {@code /x/../admin},
 * {@code /admin;x}); if the gateway matched one spelling and the upstream served another, a protected route could
 * be reached through an open one. So every path is brought to this form before matching, and what cannot be
 * brought to it unambiguously is refused:
 * <ul>
 *   <li>it starts with {@code /}; raw characters are RFC 3986 {@code pchar}s except {@code ;}, plus {@code /} and
 *       {@code %XX} escapes (raw controls, spaces, {@code \}, non-ASCII and {@code ;} are refused);</li>
 *   <li>escapes of unreserved characters ({@code ALPHA DIGIT - . _ ~}) are decoded, every other escape keeps its
 *       byte with upper-case hex; escapes of {@code /}, {@code \}, NUL and other controls are refused, escaped
 *       bytes of 0x80 and above must spell valid, shortest-form UTF-8;</li>
 *   <li>empty segments collapse, {@code .} and {@code ..} segments are resolved (RFC 3986 remove_dot_segments),
 *       {@code ..} above the root is refused; a trailing {@code /} is kept.</li>
 * </ul>
 * Case is kept (routes match case-insensitively, the upstream sees the client's case). A path already in this form
 * is checked in one pass and returned as the same instance, without allocating.
 */
public final class CanonicalPath {

    /** Why a path was refused; {@link #message()} is written for the console user. */
    public enum Refusal {
        NOT_ABSOLUTE("must start with /"),
        CHARACTER("may contain only URL path characters (letters, digits, - . _ ~ ! $ & ' ( ) * + , = : @ /) and"
                + " %XX escapes"),
        SEMICOLON("must not contain ; (frameworks cut path parameters off, so /a;x would reach /a); write it %3B"),
        MALFORMED_ESCAPE("has a % that is not followed by two hex digits"),
        ENCODED_SEPARATOR("must not contain an encoded / or \\ (%2F, %5C)"),
        ENCODED_CONTROL("must not contain an encoded control character (%00-%1F, %7F)"),
        INVALID_UTF8("has escaped bytes that are not valid UTF-8"),
        ABOVE_ROOT("has a .. segment that climbs above the root");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Raw characters allowed besides ALPHA DIGIT: the rest of unreserved, sub-delims without ';', ':' and '@'. */
    private static final String RAW_ALLOWED = "-._~!$&'()*+,=:@";
    private static final boolean[] RAW = new boolean[128];
    private static final Refusal[] REFUSALS = Refusal.values();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            RAW[c] = true;
            RAW[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            RAW[c] = true;
        }
        for (char c : RAW_ALLOWED.toCharArray()) {
            RAW[c] = true;
        }
    }

    /** The segment needs no change. */
    private static final int SAME = 0;
    /** The segment's canonical form differs from its raw form. */
    private static final int CHANGED = 1;

    private CanonicalPath() {
    }

    /**
     * The canonical form of a raw (still percent-encoded) path without its query, or {@code null} when the path is
     * refused. Returns {@code rawPath} itself when it is already canonical.
     */
    public static String canonicalize(String rawPath) {
        Object result = run(rawPath);
        return result instanceof String path ? path : null;
    }

    /** Why the path is refused, or {@code null} when it has a canonical form. */
    public static Refusal refusal(String rawPath) {
        Object result = run(rawPath);
        return result instanceof Refusal refusal ? refusal : null;
    }

    /** True when the path is already in canonical form (route paths must be written so). */
    public static boolean isCanonical(String path) {
        return path != null && run(path) == path;
    }

    /** The canonical path (String) or the {@link Refusal}. */
    private static Object run(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return Refusal.NOT_ABSOLUTE;
        }
        int length = raw.length();
        // null while the output is a prefix of raw: raw[0, kept) is the output so far, without a trailing '/'
        StringBuilder out = null;
        int kept = 0;
        int start = 1;
        boolean endsWithSlash = false;
        while (start <= length) {
            int end = raw.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            boolean last = end == length;
            if (end == start) {
                // empty segment: "//" collapses; an empty last segment is the trailing slash
                if (last) {
                    endsWithSlash = true;
                } else if (out == null) {
                    out = copy(raw, kept);
                }
                start = end + 1;
                continue;
            }
            if (out == null) {
                int verdict = segment(raw, start, end, null);
                if (verdict < 0) {
                    return REFUSALS[-verdict - 1];
                }
                int dots = dots(raw, start, end);
                if (verdict == SAME && dots == 0) {
                    kept = end;
                    endsWithSlash = false;
                    start = end + 1;
                    continue;
                }
                out = copy(raw, kept);
            }
            int mark = out.length();
            out.append('/');
            int verdict = segment(raw, start, end, out);
            if (verdict < 0) {
                return REFUSALS[-verdict - 1];
            }
            int dots = dots(out, mark + 1, out.length());
            if (dots > 0) {
                out.setLength(mark);
                if (dots == 2) {
                    if (mark == 0) {
                        return Refusal.ABOVE_ROOT;
                    }
                    out.setLength(out.lastIndexOf("/"));
                }
                // "/a/." and "/a/b/.." end in a directory: RFC 3986 leaves the slash
                endsWithSlash = true;
            } else {
                endsWithSlash = false;
            }
            start = end + 1;
        }
        if (out == null) {
            // every segment kept as written, each after exactly one slash: the path was canonical
            return raw;
        }
        if (endsWithSlash || out.length() == 0) {
            out.append('/');
        }
        return out.toString();
    }

    private static StringBuilder copy(String raw, int kept) {
        StringBuilder out = new StringBuilder(raw.length());
        return out.append(raw, 0, kept);
    }

    /** 1 or 2 when text[from, to) is "." or "..", else 0. */
    private static int dots(CharSequence text, int from, int to) {
        int length = to - from;
        if (length == 1 && text.charAt(from) == '.') {
            return 1;
        }
        if (length == 2 && text.charAt(from) == '.' && text.charAt(from + 1) == '.') {
            return 2;
        }
        return 0;
    }

    /**
     * Checks raw[from, to), one segment without slashes, and appends its canonical form to {@code out} when given.
     * Returns {@link #SAME}, {@link #CHANGED} or {@code -1 - refusal ordinal}.
     */
    private static int segment(String raw, int from, int to, StringBuilder out) {
        int verdict = SAME;
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c == ';') {
                    return refuse(Refusal.SEMICOLON);
                }
                if (c >= 128 || !RAW[c]) {
                    return refuse(Refusal.CHARACTER);
                }
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            int value = escaped(raw, i, to);
            if (value < 0) {
                return refuse(Refusal.MALFORMED_ESCAPE);
            }
            if (value < 0x80) {
                if (value == '/' || value == '\\') {
                    return refuse(Refusal.ENCODED_SEPARATOR);
                }
                if (value < 0x20 || value == 0x7F) {
                    return refuse(Refusal.ENCODED_CONTROL);
                }
                if (isUnreserved(value)) {
                    verdict = CHANGED;
                    if (out != null) {
                        out.append((char) value);
                    }
                } else {
                    verdict |= escape(raw, i, out);
                }
                i += 3;
                continue;
            }
            int continuation = utf8Continuations(value);
            if (continuation < 0) {
                return refuse(Refusal.INVALID_UTF8);
            }
            int lead = value;
            verdict |= escape(raw, i, out);
            i += 3;
            for (int n = 0; n < continuation; n++, i += 3) {
                int next = i < to && raw.charAt(i) == '%' ? escaped(raw, i, to) : -2;
                if (next == -1) {
                    return refuse(Refusal.MALFORMED_ESCAPE);
                }
                if (!validContinuation(lead, n, next)) {
                    return refuse(Refusal.INVALID_UTF8);
                }
                verdict |= escape(raw, i, out);
            }
        }
        return verdict;
    }

    private static int refuse(Refusal refusal) {
        return -1 - refusal.ordinal();
    }

    /** The byte of the escape at raw[i] ('%'), or -1 when it is malformed (or cut by the segment's end). */
    private static int escaped(String raw, int i, int to) {
        if (i + 2 >= to) {
            return -1;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        // Character.digit accepts non-ASCII digits; only 0-9 A-F a-f are hex here
        if (high < 0 || low < 0 || raw.charAt(i + 1) >= 128 || raw.charAt(i + 2) >= 128) {
            return -1;
        }
        return high * 16 + low;
    }

    /** Appends the escape at raw[i] with upper-case hex; CHANGED when it was written in lower case. */
    private static int escape(String raw, int i, StringBuilder out) {
        char high = raw.charAt(i + 1);
        char low = raw.charAt(i + 2);
        char upperHigh = HEX[Character.digit(high, 16)];
        char upperLow = HEX[Character.digit(low, 16)];
        if (out != null) {
            out.append('%').append(upperHigh).append(upperLow);
        }
        return high == upperHigh && low == upperLow ? SAME : CHANGED;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Continuation bytes a UTF-8 lead byte announces, or -1 for a byte that cannot lead (RFC 3629). */
    private static int utf8Continuations(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return -1;
    }

    /** RFC 3629's table: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private static boolean validContinuation(int lead, int index, int value) {
        if (value < 0x80 || value > 0xBF) {
            return false;
        }
        if (index > 0) {
            return true;
        }
        return switch (lead) {
            case 0xE0 -> value >= 0xA0;
            case 0xED -> value <= 0x9F;
            case 0xF0 -> value >= 0x90;
            case 0xF4 -> value <= 0x8F;
            default -> true;
        };
    }
}
