package dev.gatehouse.runtime.proxy;

import java.net.InetSocketAddress;
import java.util.List;

import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.requestid.RequestIds;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the headers the upstream needs to know about the client: {@code X-Forwarded-For/Proto/Host/Port} and
 * {@code X-Request-Id}.
 *
 * <p>Spring Cloud Gateway 5 adds X-Forwarded-* itself only when {@code ...trusted-proxies} is set; without it (our
 * setting) it registers {@code RemoveXForwardedHeadersFilter} and {@code RemoveForwardedHeadersFilter}, which drop
 * what the client sent. This filter then describes the direct peer: when the peer is a trusted proxy
 * ({@code GATEHOUSE_TRUSTED_PROXIES}) its {@code X-Forwarded-For} list is kept and the peer address appended;
 * from any other peer the list starts afresh with the peer address, so a client cannot hand the upstream a forged
 * chain. Proto, Host and Port are set from this node's own view and never copied from the client. It runs last (after
 * {@code RemoveHopByHopHeadersFilter}) so that a client naming these headers in {@code Connection} cannot strip them.
 */
@Component
public class ProxyHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    private final ClientAddressResolver clients;

    public ProxyHeadersFilter(ClientAddressResolver clients) {
        this.clients = clients;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders original = request.getHeaders();
        HttpHeaders out = new HttpHeaders();
        out.addAll(input);

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
        return out;
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
        return Ordered.LOWEST_PRECEDENCE;
    }
}
