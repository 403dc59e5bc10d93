package dev.gatehouse.runtime.tracing;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.scg.Forwarding;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client span of each attempt to forward a routed call: a step just before SCG's forwarding filter (after the
 * upstream timer), whose rest of the chain completes when the upstream's response headers arrive or the attempt
 * fails; a retried call has one span per attempt. The upstream gets a {@code traceparent} naming this span
 * ({@link Tracing#writeUpstream}). Only on routes compiled while tracing is on.
 */
final class UpstreamSpanFilterFactory implements RouteFilterFactory {

    private final Tracing tracing;

    UpstreamSpanFilterFactory(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public int order() {
        return FilterOrder.UPSTREAM_SPAN;
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        return tracing.enabled() ? this::filter : null;
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CallSpans spans = CallSpans.of(exchange);
        if (spans == null || !spans.recording()) {
            // an unsampled call sends its own ids upstream (Tracing.writeUpstream) and records nothing
            return chain.filter(exchange);
        }
        UpstreamSpan upstream = spans.upstream(null, null, Forwarding.targetUrl(exchange));
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    upstream.status(status == null ? 0 : status.value());
                    upstream.close();
                })
                .doOnError(error -> {
                    upstream.failed(error);
                    upstream.close();
                })
                .doOnCancel(() -> {
                    upstream.cancelled();
                    upstream.close();
                });
    }
}
