package dev.gatehouse.runtime.proxy;

import java.net.InetSocketAddress;
import java.util.List;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.auth.ForwardedIdentity;
import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.requestid.RequestIds;
import dev.gatehouse.runtime.tracing.Tracing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request headers the upstream gets, built in one pass over the client's (after the filters that changed
 * them): hop-by-hop headers ({@link HopByHop}) and client-sent {@code Forwarded} / {@code X-Forwarded-*} dropped,
 * {@code Content-Length} dropped when the request is chunked (a request carrying both is how request smuggling
 * starts), then {@code X-Forwarded-For/Proto/Host/Port}, {@code X-Request-Id} and the caller's identity
 * ({@link ForwardedIdentity}: forged {@code X-Consumer-*} removed, the authenticated consumer's set, its API key
 * removed) and, when tracing is on, the {@code traceparent} of the upstream call ({@link Tracing#writeUpstream}; off,
 * the client's is forwarded unchanged). With {@link ResponseHeadersFilter} it replaces SCG's header filters, each of which copied every header
 * again ({@link UpstreamHeaderFilters}).
 *
 * <p>{@code X-Forwarded-For}: when the peer is a trusted proxy ({@code GATEHOUSE_TRUSTED_PROXIES}) its list is kept
 * and the peer address appended; from any other peer the list starts afresh with the peer address, so a client
 * cannot hand the upstream a forged chain. Proto, Host and Port are set from this node's own view and never copied
 * from the client; a client naming them in {@code Connection} cannot strip them.
 */
@Component
public class ProxyHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    private final ClientAddressResolver clients;
    private final Tracing tracing;

    public ProxyHeadersFilter(ClientAddressResolver clients, Tracing tracing) {
        this.clients = clients;
        this.tracing = tracing;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders original = request.getHeaders();
        HttpHeaders out = HopByHop.forwardable(input, ProxyHeadersFilter::isClientForwarding);
        String transferEncoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding != null && "chunked".equalsIgnoreCase(transferEncoding.trim())) {
            out.remove(HttpHeaders.CONTENT_LENGTH);
        }

        String peer = peerAddress(request.getRemoteAddress());
        List<String> clientChain = clients.trusts(request.getRemoteAddress()) ? original.get(X_FORWARDED_FOR) : null;
        String chain = clientChain == null || clientChain.isEmpty() ? null : String.join(", ", clientChain);
        if (peer != null) {
            chain = chain == null ? peer : chain + ", " + peer;
        }
        setOrRemove(out, X_FORWARDED_FOR, chain);
        out.set(X_FORWARDED_PROTO, request.getSslInfo() != null ? "https" : "http");
        setOrRemove(out, X_FORWARDED_HOST, original.getFirst(HttpHeaders.HOST));
        InetSocketAddress local = request.getLocalAddress();
        setOrRemove(out, X_FORWARDED_PORT, local == null ? null : Integer.toString(local.getPort()));
        out.set(RequestIds.HEADER, RequestIds.of(exchange));
        ForwardedIdentity.writeUpstream(out, exchange);
        tracing.writeUpstream(out, exchange);
        return out;
    }

    /** {@code Forwarded} and {@code X-Forwarded-*} as the client sent them: this filter writes its own. */
    static boolean isClientForwarding(String name) {
        return name.regionMatches(true, 0, "X-Forwarded-", 0, 12) || name.equalsIgnoreCase("Forwarded");
    }

    private static String peerAddress(InetSocketAddress remote) {
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static void setOrRemove(HttpHeaders headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.set(name, value);
        }
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return FilterOrder.HEADERS;
    }
}
