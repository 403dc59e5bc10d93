package dev.gatehouse.runtime.client;

import dev.gatehouse.config.policy.Cidr;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client address of a call. {@code X-Forwarded-For} is believed only as far as trusted proxies vouch for
 * it: starting from the peer, each hop that is a trusted proxy hands over to the entry left of it, walking the list
 * from the right; the first hop that is not a trusted proxy is the client. A malformed entry stops the walk at the
 * last address that was vouched for. A client that is not behind a trusted proxy therefore cannot change its
 * address with forged headers.
 */
public final class ClientAddressResolver {

    private final List<Cidr> trustedProxies;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The client address for a call from {@code peer} carrying these {@code X-Forwarded-For} header values. */
    public ClientAddress resolve(InetSocketAddress peer, List<String> forwardedFor) {
        if (peer == null || peer.getAddress() == null) {
            return ClientAddress.UNKNOWN;
        }
        InetAddress current = peer.getAddress();
        if (trustedProxies.isEmpty() || !trusted(current.getAddress()) || forwardedFor == null
                || forwardedFor.isEmpty()) {
            return of(current);
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] bytes = Cidr.literal(stripPort(hops.get(i)));
            if (bytes == null) {
                break;
            }
            current = address(bytes);
            if (!trusted(bytes)) {
                break;
            }
        }
        return of(current);
    }

    /** Whether {@code peer} is one of the trusted proxies, whose {@code X-Forwarded-For} is believed. */
    public boolean trusts(InetSocketAddress peer) {
        return peer != null && peer.getAddress() != null && !trustedProxies.isEmpty()
                && trusted(peer.getAddress().getAddress());
    }

    private boolean trusted(byte[] address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClientAddress of(InetAddress address) {
        return new ClientAddress(address.getHostAddress(), address.getAddress());
    }
}
