package dev.gatehouse.config;

import java.util.List;

/**
 * The complete published configuration at one revision.
 *
 * @param revision global configuration revision, advanced by every committed change
 * @param hash     content hash, see {@link ConfigHash}
 * @param services all services
 * @param routes   all routes
 */
public record ConfigSnapshot(long revision, String hash, List<ServiceSpec> services, List<RouteSpec> routes) {

    public ConfigSnapshot {
        services = services == null ? List.of() : List.copyOf(services);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
