package dev.gatehouse.config.http;

import java.util.regex.Pattern;

/**
 * A host: a DNS name (labels of letters, digits and inner dashes), an IPv4 address or an IPv6 address, at most 253
 * characters. An upstream target's host is one; a route's host may also be a {@link #isPattern pattern} starting
 * with {@code *.}. Nothing is looked up in DNS.
 *
 * @param value the host as written
 */
public record HostName(String value) {

    /** Longest host name DNS allows. */
    public static final int MAX_LENGTH = 253;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** @throws IllegalArgumentException when the value is not a host name or address */
    public HostName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("'" + value + "' must be a host name or IP address");
        }
    }

    /** True when the text is a DNS name, an IPv4 address or an IPv6 address. */
    public static boolean isValid(String host) {
        return check(host, false);
    }

    /** True when the text is a DNS name or IPv4 address, optionally starting with {@code *.} (any one label). */
    public static boolean isPattern(String host) {
        return check(host, true);
    }

    private static boolean check(String host, boolean wildcard) {
        if (host == null || host.isEmpty() || host.length() > MAX_LENGTH) {
            return false;
        }
        String h = wildcard && host.startsWith("*.") ? host.substring(2) : host;
        if (h.indexOf(':') >= 0) {
            return !wildcard && IPV6.matcher(h).matches();
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
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
