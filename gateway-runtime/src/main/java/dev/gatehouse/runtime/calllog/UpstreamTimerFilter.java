package dev.gatehouse.runtime.calllog;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Times the upstream call: runs just before SCG's {@code NettyRoutingFilter}, whose part of the chain completes once
 * the upstream's response headers have arrived (or the call failed), and leaves the elapsed time in the call
 * ({@link GatehouseCall#upstreamNanos()}) for the call log.
 */
final class UpstreamTimerFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        // doOnTerminate, not doFinally: it runs before the signal travels on, so the time is there before an error
        // is answered and the call recorded
        return chain.filter(exchange)
                .doOnTerminate(() -> stop(exchange, start))
                .doOnCancel(() -> stop(exchange, start));
    }

    private static void stop(ServerWebExchange exchange, long start) {
        GatehouseCall.of(exchange).upstreamNanos(System.nanoTime() - start);
    }

    @Override
    public int getOrder() {
        return FilterOrder.UPSTREAM_TIMER;
    }
}
