package dev.gatehouse.runtime.proxy;

import dev.gatehouse.runtime.call.GatehouseCall;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Runs a routed request through the filter chain its route was compiled with when its configuration was swapped in
 * ({@code live.RouteChains}): the node's global filters and the route's own, in
 * {@link dev.gatehouse.runtime.FilterOrder}. It takes the place of SCG's {@code FilteringWebHandler} for Gatehouse
 * routes. See {@code docs/adr/006-route-filter-chains.md} and {@code docs/adr/008-compiled-route-chains.md}.
 */
public final class ProxyHandler implements WebHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return GatehouseCall.of(exchange).route().chain().filter(exchange);
    }
}
