package dev.gatehouse.runtime.proxy;

import java.net.URI;

import dev.gatehouse.runtime.scg.Forwarding;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.routing.Balancer;
import dev.gatehouse.runtime.routing.RouteMatch;
import dev.gatehouse.runtime.routing.TargetPicks;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Chooses the target of a matched request (by the service's {@link Balancer}) and sets the
 * URL that {@code NettyRoutingFilter} calls: the target's origin, the service's base path, the request path (after
 * the route path when the route strips its prefix) and the query. Path and query are the raw, still-encoded
 * strings of the request and the result is a {@link URI} built from that exact text, so nothing is decoded or
 * encoded again on the way. Runs right after SCG's {@link RouteToRequestUrlFilter} and replaces its result, after
 * authentication (which may have removed an API key from the query), see {@link FilterOrder}.
 */
@Component
public class TargetUrlFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        GatehouseCall call = GatehouseCall.of(exchange);
        RouteMatch match = call.match();
        if (match == null) {
            return chain.filter(exchange);
        }
        Balancer balancer = match.route().targets();
        // a path a transform policy rewrote replaces the route's path handling (prefix stripping)
        Forwarding.targetUrl(exchange, targetUrl(match, TargetPicks.pick(balancer, exchange),
                exchange.getRequest().getURI(), call.rewrittenPath()));
        // only balancers that weigh load count calls: round robin adds nothing per call here
        return balancer.countsCalls()
                ? chain.filter(exchange).doFinally(signal -> TargetPicks.release(exchange))
                : chain.filter(exchange);
    }

    /** The upstream URL for a request to {@code incoming} matched by {@code match}, sent to {@code origin}. */
    static URI targetUrl(RouteMatch match, String origin, URI incoming) {
        return targetUrl(match, origin, incoming, null);
    }

    /** The same, with the path rewritten to {@code rewrittenPath} by a transform policy when it is not null. */
    static URI targetUrl(RouteMatch match, String origin, URI incoming, String rewrittenPath) {
        String path = rewrittenPath == null ? match.forwardPath(incoming.getRawPath())
                : match.rewrittenPath(rewrittenPath);
        String query = incoming.getRawQuery();
        int length = origin.length() + path.length() + (query == null ? 0 : query.length() + 1);
        StringBuilder url = new StringBuilder(length).append(origin).append(path);
        if (query != null) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }

    @Override
    public int getOrder() {
        return FilterOrder.TARGET_URL;
    }
}
