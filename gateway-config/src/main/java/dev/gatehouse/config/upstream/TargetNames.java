package dev.gatehouse.config.upstream;

import java.util.Locale;
import java.util.regex.Pattern;

/** Spelling rules for target host names and numeric host forms, shared by the rules and the policy. */
final class TargetNames {

    /** Dotted-decimal IPv4 without leading zeros: the one IPv4 spelling every parser reads the same way. */
    private static final Pattern CANONICAL_IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9A-Fa-f]*");

    private TargetNames() {
    }

    /** Lower case, without one trailing dot: {@code Metadata.Google.Internal.} and the plain name are one name. */
    static String normalize(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * True when a URL parser would read {@code host} as an IPv4 address: its last label is a decimal or
     * {@code 0x} hexadecimal number (the WHATWG URL "ends in a number" rule). Such hosts include the decimal,
     * octal, hexadecimal and shortened forms ({@code 2852039166}, {@code 0251.0376.0251.0376}, {@code 0xA9FEA9FE},
     * {@code 169.254.43518}) that name the same address as a dotted quad.
     */
    static boolean endsInNumber(String host) {
        String name = normalize(host);
        String last = name.substring(name.lastIndexOf('.') + 1);
        return !last.isEmpty() && (DECIMAL.matcher(last).matches() || HEX.matcher(last).matches());
    }

    /** True when {@code host} is a dotted-decimal IPv4 address written without leading zeros. */
    static boolean isCanonicalIpv4(String host) {
        return CANONICAL_IPV4.matcher(host).matches();
    }
}
