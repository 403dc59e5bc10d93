package dev.gatehouse.runtime.policy.ip;

import java.util.List;

import dev.gatehouse.config.policy.Cidr;
import dev.gatehouse.config.policy.IpRestrictionPolicy;

/**
 * An {@link IpRestrictionPolicy} with its CIDR blocks parsed. Deny wins over allow; a non-empty allow list refuses
 * every address outside it, including a call whose address is unknown.
 */
final class IpRules {

    private final Cidr[] allow;
    private final Cidr[] deny;

    private IpRules(List<Cidr> allow, List<Cidr> deny) {
        this.allow = allow.toArray(Cidr[]::new);
        this.deny = deny.toArray(Cidr[]::new);
    }

    /** Parses the policy's blocks (validated by the admin and again on the node, so they parse). */
    static IpRules compile(IpRestrictionPolicy policy) {
        return new IpRules(policy.allow().stream().map(Cidr::parse).toList(),
                policy.deny().stream().map(Cidr::parse).toList());
    }

    /** Whether a call from {@code address} (4 or 16 bytes; empty when unknown) may pass. */
    boolean allows(byte[] address) {
        if (address.length == 0) {
            return allow.length == 0 && deny.length == 0;
        }
        if (matches(deny, address)) {
            return false;
        }
        return allow.length == 0 || matches(allow, address);
    }

    private static boolean matches(Cidr[] blocks, byte[] address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
