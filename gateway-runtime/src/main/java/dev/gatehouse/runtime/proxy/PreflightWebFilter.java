package dev.gatehouse.runtime.proxy;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.node.ServerPorts;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

/**
 * Proxies CORS pre-flight requests like any other request. WebFlux's {@code DispatcherHandler} answers a
 * pre-flight itself (200, or 403 when no mapping claims it) without ever calling the handler, so the upstream,
 * which owns its CORS policy, would never see it. This filter routes pre-flights on the proxy port through
 * {@link GatehouseHandlerMapping} directly; in the route's filter chain, the CORS policy filter answers them for
 * routes that have a CORS policy, and every other pre-flight is proxied.
 */
@Component
public class PreflightWebFilter implements WebFilter, Ordered {

    private final GatehouseHandlerMapping mapping;
    private final ServerPorts ports;

    public PreflightWebFilter(GatehouseHandlerMapping mapping, ServerPorts ports) {
        this.mapping = mapping;
        this.ports = ports;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isPreFlightRequest(exchange.getRequest()) || ports.isManagement(exchange)) {
            return chain.filter(exchange);
        }
        return mapping.getHandler(exchange)
                .cast(WebHandler.class)
                .flatMap(handler -> handler.handle(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.PREFLIGHT;
    }
}
