package dev.gatehouse.runtime.client;

import dev.gatehouse.runtime.FilterOrder;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** Resolves the client address of every request once, before anything needs it. */
public class ClientAddressWebFilter implements WebFilter, Ordered {

    private final ClientAddressResolver resolver;

    public ClientAddressWebFilter(ClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, resolver.resolve(
                exchange.getRequest().getRemoteAddress(),
                exchange.getRequest().getHeaders().get("X-Forwarded-For")));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.CLIENT_ADDRESS;
    }
}
