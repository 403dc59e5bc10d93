package dev.gatehouse.runtime.tracing;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.node.ServerPorts;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Opens the server span of every proxy-port call and ends it with the call's outcome. It runs around the call log
 * filter, which answers errors inside it, so the span ends with the status the client got; when the call log is
 * off, an error reaching it is mapped the way the problem handler will map it. With tracing off its whole cost is
 * one boolean check.
 */
final class TracingWebFilter implements WebFilter, Ordered {

    private final Tracing tracing;
    private final ServerPorts ports;

    TracingWebFilter(Tracing tracing, ServerPorts ports) {
        this.tracing = tracing;
        this.ports = ports;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!tracing.enabled() || ports.isManagement(exchange)) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        CallSpans spans = tracing.startCall(GatehouseCall.of(exchange), request.getHeaders(),
                request.getMethod().name());
        return chain.filter(exchange)
                .doOnError(spans::failed)
                .doFinally(signal -> spans.end(exchange, signal));
    }

    @Override
    public int getOrder() {
        return FilterOrder.TRACING;
    }
}
