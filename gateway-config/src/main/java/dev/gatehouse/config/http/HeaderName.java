package dev.gatehouse.config.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP header name: a token of 1 to 64 letters, digits and {@code !#$%&'*+.^_`|~-} (RFC 9110 field name,
 * bounded). Names compare without regard to case, as HTTP does.
 *
 * @param value the name as written
 */
public record HeaderName(String value) {

    /** What is wrong with a name that is not one, written for the person who entered it. */
    public static final String INVALID = "must be a valid HTTP header name";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Headers of the connection and message framing, which the gateway itself writes. */
    private static final Set<String> MANAGED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "te", "trailer", "proxy-connection", "host", "content-length");

    /** @throws IllegalArgumentException when the value is not a header name */
    public HeaderName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("'" + value + "' " + INVALID);
        }
    }

    /** True when the text is a header name. */
    public static boolean isValid(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /**
     * True when the gateway manages this header itself (connection, framing, {@code Host}), so that no policy may
     * add, set, remove or rename it.
     */
    public boolean isManaged() {
        return MANAGED.contains(value.toLowerCase(Locale.ROOT));
    }

    /** True when the text is a header name that the gateway manages itself (see {@link #isManaged()}). */
    public static boolean isManaged(String name) {
        return isValid(name) && new HeaderName(name).isManaged();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderName h && h.value.equalsIgnoreCase(value);
    }

    @Override
    public int hashCode() {
        return value.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
