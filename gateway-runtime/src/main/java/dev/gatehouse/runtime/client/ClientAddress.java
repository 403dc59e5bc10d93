package dev.gatehouse.runtime.client;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the client that made a call: the peer's address, or, when the peer is a trusted proxy, the
 * address that proxy reported in {@code X-Forwarded-For}. Every policy that looks at the caller's address (IP rules,
 * rate-limit buckets, brute-force blocking, the call log) reads it from here, so none can be fooled differently.
 *
 * @param text  printed form, such as {@code 203.0.113.9} or {@code 2001:db8::1}; {@code unknown} without a peer
 * @param bytes the address bytes (4 or 16), or an empty array when unknown
 */
public record ClientAddress(String text, byte[] bytes) {

    /** Exchange attribute holding the resolved address. */
    public static final String ATTRIBUTE = ClientAddress.class.getName();

    static final ClientAddress UNKNOWN = new ClientAddress("unknown", new byte[0]);

    /** The address resolved for this exchange by {@link ClientAddressWebFilter}, or unknown. */
    public static ClientAddress of(ServerWebExchange exchange) {
        ClientAddress address = exchange.getAttribute(ATTRIBUTE);
        return address == null ? UNKNOWN : address;
    }
}
