package dev.gatehouse.runtime.client;

import dev.gatehouse.config.policy.Cidr;
import dev.gatehouse.config.policy.TrustedProxyChain;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Finds the client address of a call on a node: the peer, or the client that trusted proxies vouch for in
 * {@code X-Forwarded-For} ({@link TrustedProxyChain}, the rule the admin shares).
 */
public final class ClientAddressResolver {

    private final TrustedProxyChain chain;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.chain = new TrustedProxyChain(trustedProxies);
    }

    /** The client address for a call from {@code peer} carrying these {@code X-Forwarded-For} header values. */
    public ClientAddress resolve(InetSocketAddress peer, List<String> forwardedFor) {
        if (peer == null || peer.getAddress() == null) {
            return ClientAddress.UNKNOWN;
        }
        InetAddress address = peer.getAddress();
        if (chain.isEmpty() || forwardedFor == null || forwardedFor.isEmpty()) {
            return of(address);
        }
        byte[] peerBytes = address.getAddress();
        byte[] client = chain.client(peerBytes, forwardedFor);
        return client == peerBytes ? of(address) : of(address(client));
    }

    /** Whether {@code peer} is one of the trusted proxies, whose {@code X-Forwarded-For} is believed. */
    public boolean trusts(InetSocketAddress peer) {
        return peer != null && peer.getAddress() != null && !chain.isEmpty()
                && chain.trusts(peer.getAddress().getAddress());
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
