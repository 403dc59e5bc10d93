package dev.gatehouse.runtime.policy.resilience;

import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;

/**
 * The timeout policy of a route: its calls run with the policy's connect and response timeouts instead of the
 * service's, through a copy of the route's SCG route carrying them as metadata (where SCG's routing filter reads
 * them), built once with the route's chain.
 */
@Component
public class TimeoutFilterFactory implements PolicyFilterFactory<TimeoutPolicy, TimeoutPolicy> {

    @Override
    public Class<TimeoutPolicy> policyType() {
        return TimeoutPolicy.class;
    }

    @Override
    public TimeoutPolicy compile(TimeoutPolicy policy) {
        return policy;
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        TimeoutPolicy policy = route.compiled(route.routePolicy(TimeoutPolicy.class));
        if (policy == null) {
            return null;
        }
        Route timed = withTimeouts(route.gatewayRoute(), policy);
        return (exchange, chain) -> {
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, timed);
            return chain.filter(exchange);
        };
    }

    /** A copy of {@code route} whose metadata carries the policy's timeouts. */
    static Route withTimeouts(Route route, TimeoutPolicy policy) {
        return Route.async()
                .id(route.getId())
                .uri(route.getUri())
                .order(route.getOrder())
                .asyncPredicate(route.getPredicate())
                .filters(route.getFilters())
                .metadata(route.getMetadata())
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, policy.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) policy.responseTimeoutMs())
                .build();
    }

    @Override
    public int order() {
        return FilterOrder.TIMEOUT;
    }
}
