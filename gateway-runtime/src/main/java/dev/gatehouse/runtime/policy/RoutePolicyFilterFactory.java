package dev.gatehouse.runtime.policy;

import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The factory of a policy type that only routes, services and the whole node carry (IP rules, CORS, timeout,
 * retry, circuit breaker): a route gets a filter only when such a policy applies to it, built from that policy's
 * compiled form.
 *
 * @param <C> the policy record
 * @param <T> its compiled form
 */
public interface RoutePolicyFilterFactory<C extends PolicyConfig, T> extends PolicyFilterFactory<C, T> {

    @Override
    default GatewayFilter apply(RouteSetup route) {
        T compiled = route.compiled(route.routePolicy(policyType()));
        return compiled == null ? null : filter(compiled, route);
    }

    /** The filter of {@code route}, whose policy of this type compiled to {@code compiled}. */
    GatewayFilter filter(T compiled, RouteSetup route);
}
