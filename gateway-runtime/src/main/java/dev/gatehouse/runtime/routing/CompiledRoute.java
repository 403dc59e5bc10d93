package dev.gatehouse.runtime.routing;

import java.util.Objects;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.auth.RouteAuth;

import org.springframework.cloud.gateway.route.Route;

/**
 * A route ready to serve: its spec, the service it sends to, the service's target picker and the Spring Cloud
 * Gateway {@link Route} handed to the filter chain. Built once per configuration, never per request.
 *
 * @param spec         the route as published
 * @param service      the service the route sends to
 * @param targets      picks the target of each call
 * @param gatewayRoute prebuilt SCG route carrying the service's timeouts as metadata
 * @param auth         what the route requires of callers
 */
public record CompiledRoute(RouteSpec spec, ServiceSpec service, WeightedRoundRobin targets, Route gatewayRoute,
                            RouteAuth auth) {

    public CompiledRoute {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(auth, "auth");
    }
}
