package dev.gatehouse.runtime.live;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Builds, when a configuration is swapped in, the filter one feature (a policy type, authentication) needs on one
 * route: Spring Cloud Gateway's {@code GatewayFilterFactory} idiom, {@code apply(config)} returning the route's
 * filter with everything that does not depend on the request compiled in (CIDR sets, CORS rules, path templates,
 * header operations, breakers, limits). A route's chain holds only the filters its factories returned, so a route
 * pays only for what it uses.
 *
 * <p>A factory that cannot compile what a route needs throws {@link IllegalArgumentException}; the whole
 * configuration is then refused and the node keeps serving the previous one.
 */
public interface RouteFilterFactory {

    /** Where the filters of this factory run in a chain: lower first (see {@link dev.gatehouse.runtime.FilterOrder}). */
    int order();

    /**
     * The filter of {@code route}, or null when the feature has nothing to do on it.
     *
     * @throws IllegalArgumentException when the route's settings cannot be compiled
     */
    GatewayFilter apply(RouteSetup route);
}
