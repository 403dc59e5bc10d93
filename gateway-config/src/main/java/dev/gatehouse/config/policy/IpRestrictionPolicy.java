package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;

import java.util.List;

/**
 * Allow and deny lists of IPv4 and IPv6 CIDR blocks (a bare address means a single host). Deny wins over allow;
 * a non-empty allow list refuses every address it does not contain.
 *
 * @param allow CIDR blocks allowed to call; empty means every address not denied
 * @param deny  CIDR blocks refused
 */
@PolicyKind(name = "ip-restriction", scopes = {GLOBAL, SERVICE, ROUTE})
public record IpRestrictionPolicy(List<String> allow, List<String> deny) implements PolicyConfig {

    public IpRestrictionPolicy {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    @Override
    public void validate(Violations violations) {
        if (allow.isEmpty() && deny.isEmpty()) {
            violations.add("allow", "list at least one CIDR block to allow or deny");
        }
        violations.atMost("allow", allow, MAX_LIST);
        violations.each("allow", allow, Cidr::problem);
        violations.atMost("deny", deny, MAX_LIST);
        violations.each("deny", deny, Cidr::problem);
    }
}
