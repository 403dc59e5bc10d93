package dev.gatehouse.config.policy;

import java.util.List;

/**
 * Allow and deny lists of IPv4 and IPv6 CIDR blocks (a bare address means a single host). Deny wins over allow;
 * a non-empty allow list refuses every address it does not contain.
 *
 * @param allow CIDR blocks allowed to call; empty means every address not denied
 * @param deny  CIDR blocks refused
 */
public record IpRestrictionPolicy(List<String> allow, List<String> deny) implements PolicyConfig {

    public IpRestrictionPolicy {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    @Override
    public PolicyType type() {
        return PolicyType.IP_RESTRICTION;
    }
}
