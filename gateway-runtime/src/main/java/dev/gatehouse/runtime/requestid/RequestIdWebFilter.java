package dev.gatehouse.runtime.requestid;

import dev.gatehouse.runtime.FilterOrder;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Chooses the request id before anything else runs, so that gateway errors carry it too, and writes it on the
 * response just before commit (replacing whatever the upstream sent). {@code ProxyHeadersFilter} sends it upstream;
 * the request itself is not mutated.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.of(exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            response.getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_ID;
    }
}
