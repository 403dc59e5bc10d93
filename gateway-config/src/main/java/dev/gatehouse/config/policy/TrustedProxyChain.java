package dev.gatehouse.config.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Who the client of a call is when load balancers stand in front: {@code X-Forwarded-For} is believed only as far
 * as trusted proxies vouch for it. Starting from the peer, each hop that is a trusted proxy hands over to the entry
 * left of it, walking the list from the right; the first hop that is not a trusted proxy is the client. A malformed
 * entry stops the walk at the last address that was vouched for, so a client that is not behind a trusted proxy
 * cannot change its address with forged headers. The one rule of the nodes ({@code GATEHOUSE_TRUSTED_PROXIES}) and
 * the admin ({@code GATEHOUSE_ADMIN_TRUSTED_PROXIES}). Immutable.
 */
public final class TrustedProxyChain {

    private final List<Cidr> proxies;

    public TrustedProxyChain(List<Cidr> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /** True when no proxy is trusted (then the peer is always the client). */
    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    /** Whether {@code address} (4 or 16 bytes) is one of the trusted proxies. */
    public boolean trusts(byte[] address) {
        for (Cidr cidr : proxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address (4 or 16 bytes) for a call from {@code peer} carrying these {@code X-Forwarded-For}
     * header values (oldest first); {@code peer} itself when it is not a trusted proxy or nothing was forwarded.
     */
    public byte[] client(byte[] peer, List<String> forwardedFor) {
        if (proxies.isEmpty() || forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        byte[] current = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] bytes = Cidr.literal(stripPort(hops.get(i)));
            if (bytes == null) {
                break;
            }
            current = bytes;
            if (!trusts(bytes)) {
                break;
            }
        }
        return current;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
