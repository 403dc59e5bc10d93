package dev.gatehouse.config.upstream;

import java.util.Locale;

import dev.gatehouse.config.http.HostName;
import dev.gatehouse.config.policy.Cidr;

/**
 * One entry of an upstream target rule list ({@code gatehouse.upstream.deny}, {@code gatehouse.upstream.allow} or
 * the built-in defaults): an address block such as {@code 169.254.0.0/16}, a host name such as
 * {@code metadata.google.internal}, or every name under a domain, {@code *.internal}. Names match without regard to
 * case or a trailing dot.
 *
 * @param block  the address block, or {@code null} for a name rule
 * @param name   the lower-case host name (without {@code *.}), or {@code null} for an address rule
 * @param suffix true when the rule is {@code *.name}: it matches every name below {@code name}, not the name itself
 * @param reason why targets the rule matches are denied, in words for the console user
 */
public record TargetRule(Cidr block, String name, boolean suffix, String reason) {

    public TargetRule {
        if ((block == null) == (name == null)) {
            throw new IllegalArgumentException("a target rule is either an address block or a host name");
        }
    }

    /**
     * Parses {@code text}: an IPv4/IPv6 address or CIDR block, a host name, or {@code *.} and a domain.
     *
     * @throws IllegalArgumentException with a message for people when the text is none of these
     */
    public static TargetRule parse(String text, String reason) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String value = text.trim();
        if (value.indexOf('/') >= 0 || value.indexOf(':') >= 0 || Cidr.literal(value) != null) {
            return new TargetRule(Cidr.parse(value), null, false, reason);
        }
        String name = TargetNames.normalize(value);
        boolean suffix = name.startsWith("*.");
        if (!HostName.isPattern(name) || TargetNames.endsInNumber(name)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address, CIDR block, host name or *.domain");
        }
        return new TargetRule(null, suffix ? name.substring(2) : name, suffix, reason);
    }

    /** True when this is a name rule matching {@code normalizedName} (lower case, no trailing dot). */
    public boolean matchesName(String normalizedName) {
        if (name == null || normalizedName == null) {
            return false;
        }
        return suffix ? normalizedName.endsWith("." + name) : normalizedName.equals(name);
    }

    /** True when this is an address rule whose block holds {@code address} (4 or 16 bytes). */
    public boolean matchesAddress(byte[] address) {
        return block != null && block.contains(address);
    }

    @Override
    public String toString() {
        return block != null ? block.toString() : (suffix ? "*." : "") + name.toLowerCase(Locale.ROOT);
    }
}
