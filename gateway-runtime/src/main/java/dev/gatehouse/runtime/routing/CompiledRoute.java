package dev.gatehouse.runtime.routing;

import java.util.Objects;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;

/**
 * A route ready to serve under one configuration: its spec, the service it sends to, the service's target picker,
 * the Spring Cloud Gateway {@link Route} handed to the forwarding filters, and its filter chain, compiled when the
 * configuration was swapped in. Never built per request.
 *
 * <p>A composite route ({@link RouteSpec#isComposite()}) has no service, target picker or SCG route: its chain ends
 * with the step that calls its steps' services itself.
 *
 * @param spec         the route as published
 * @param service      the service the route sends to; null for a composite route
 * @param targets      picks the target of each call; null for a composite route
 * @param gatewayRoute prebuilt SCG route carrying the service's timeouts as metadata; null for a composite route
 * @param chain        the route's filters, global and its own, in order
 */
public record CompiledRoute(RouteSpec spec, ServiceSpec service, Balancer targets, Route gatewayRoute,
                            GatewayFilterChain chain) {

    public CompiledRoute {
        Objects.requireNonNull(spec, "spec");
        if (!spec.isComposite()) {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(targets, "targets");
        }
        Objects.requireNonNull(chain, "chain");
    }
}
