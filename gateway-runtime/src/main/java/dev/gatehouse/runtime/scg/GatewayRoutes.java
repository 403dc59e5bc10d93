package dev.gatehouse.runtime.scg;

import java.net.URI;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * The Spring Cloud Gateway {@link Route} objects the node hands to SCG's forwarding filter. Gatehouse routes are
 * matched and filtered by Gatehouse; SCG's {@code NettyRoutingFilter} reads only the connect and response timeouts
 * from a route's metadata, so that is all they carry that matters (plus the ids, for SCG's own logs).
 */
public final class GatewayRoutes {

    /** Route metadata key holding the Gatehouse route id. */
    public static final String ROUTE_ID_METADATA = "gatehouse-route-id";
    /** Route metadata key holding the service name. */
    public static final String SERVICE_METADATA = "gatehouse-service";

    private GatewayRoutes() {
    }

    /** The SCG route of {@code route}, carrying its service's timeouts; {@code firstTarget} is only nominal. */
    public static Route of(RouteSpec route, ServiceSpec service, String firstTarget) {
        return Route.async()
                .id(route.name())
                // NettyRoutingFilter reads only the timeouts from the route; the URL is chosen per request
                .uri(URI.create(firstTarget))
                .predicate(exchange -> true)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, service.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) service.responseTimeoutMs())
                .metadata(ROUTE_ID_METADATA, route.id())
                .metadata(SERVICE_METADATA, service.name())
                .build();
    }

    /** A copy of {@code route} whose metadata carries other timeouts (a timeout policy's). */
    public static Route withTimeouts(Route route, int connectTimeoutMs, int responseTimeoutMs) {
        return Route.async()
                .id(route.getId())
                .uri(route.getUri())
                .order(route.getOrder())
                .asyncPredicate(route.getPredicate())
                .filters(route.getFilters())
                .metadata(route.getMetadata())
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeoutMs)
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) responseTimeoutMs)
                .build();
    }
}
