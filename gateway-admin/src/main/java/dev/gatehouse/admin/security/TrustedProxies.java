package dev.gatehouse.admin.security;

import dev.gatehouse.config.policy.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admin's trusted-proxy rule ({@code gatehouse.admin.trusted-proxies}, CIDR blocks, default none): only a peer
 * inside one of these blocks is believed about the client ({@code X-Forwarded-For}) and the scheme the client used
 * ({@code X-Forwarded-Proto}). The client address walks {@code X-Forwarded-For} from the right while each hop is a
 * trusted proxy, like the gateway's own resolver, so a client that is not behind a trusted proxy cannot change its
 * address or claim HTTPS with forged headers.
 */
final class TrustedProxies {

    private final List<Cidr> blocks;

    TrustedProxies(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses a list of CIDR blocks or addresses; a bad entry names itself in the exception. */
    static TrustedProxies parse(List<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                blocks.add(Cidr.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gatehouse.admin.trusted-proxies: " + e.getMessage(), e);
            }
        }
        return new TrustedProxies(blocks);
    }

    /** Whether the peer (a literal address) is a trusted proxy. */
    boolean trusts(String peer) {
        byte[] bytes = Cidr.literal(peer);
        return bytes != null && contains(bytes);
    }

    /** The client behind {@code peer}, given the {@code X-Forwarded-For} header values (oldest first). */
    String client(String peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        String current = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] bytes = Cidr.literal(stripPort(hops.get(i)));
            if (bytes == null) {
                break;
            }
            current = text(bytes);
            if (!contains(bytes)) {
                break;
            }
        }
        return current;
    }

    /**
     * Whether the client used HTTPS according to a trusted proxy's {@code X-Forwarded-Proto}. The leftmost value is
     * the scheme the client used when proxies append; believing it wrongly could only add {@code Secure} to a
     * cookie, never remove it.
     */
    static boolean forwardedHttps(String forwardedProto) {
        if (forwardedProto == null || forwardedProto.isBlank()) {
            return false;
        }
        int comma = forwardedProto.indexOf(',');
        String first = (comma < 0 ? forwardedProto : forwardedProto.substring(0, comma)).trim();
        return first.toLowerCase(Locale.ROOT).equals("https");
    }

    private boolean contains(byte[] address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
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

    private static String text(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
