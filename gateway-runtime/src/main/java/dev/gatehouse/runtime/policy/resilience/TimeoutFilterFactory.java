package dev.gatehouse.runtime.policy.resilience;

import java.util.function.Function;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.scg.Forwarding;
import dev.gatehouse.runtime.scg.GatewayRoutes;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.stereotype.Component;

/**
 * The timeout policy of a route: its calls run with the policy's connect and response timeouts instead of the
 * service's, through a copy of the route's SCG route carrying them as metadata (where SCG's routing filter reads
 * them), built once with the route's chain.
 */
@Component
public class TimeoutFilterFactory implements RoutePolicyFilterFactory<TimeoutPolicy, TimeoutPolicy> {

    private static final Kind<TimeoutPolicy, TimeoutPolicy> KIND =
            new Kind<>(TimeoutPolicy.class, Function.identity(), FilterOrder.TIMEOUT);

    @Override
    public Kind<TimeoutPolicy, TimeoutPolicy> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter filter(TimeoutPolicy policy, RouteSetup route) {
        Route timed = GatewayRoutes.withTimeouts(route.gatewayRoute(), policy.connectTimeoutMs(),
                policy.responseTimeoutMs());
        return (exchange, chain) -> {
            Forwarding.useRoute(exchange, timed);
            return chain.filter(exchange);
        };
    }
}
