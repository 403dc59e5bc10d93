package dev.gatehouse.config;

import java.util.List;

/**
 * What an API key may call. A key with no scopes may call every route that admits its consumer; otherwise a route
 * is allowed when it is listed, or its service is listed, or it carries one of the tags.
 *
 * @param routes   route ids
 * @param services service ids
 * @param tags     route tags
 */
public record KeyScopes(List<String> routes, List<String> services, List<String> tags) {

    /** No restriction. */
    public static final KeyScopes ANY = new KeyScopes(List.of(), List.of(), List.of());

    public KeyScopes {
        routes = routes == null ? List.of() : List.copyOf(routes);
        services = services == null ? List.of() : List.copyOf(services);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** True when the key may call any route. */
    public boolean unrestricted() {
        return routes.isEmpty() && services.isEmpty() && tags.isEmpty();
    }
}
