package dev.gatehouse.admin.apikey;

import java.util.List;

/**
 * What an API key may call. A key with no scopes may call every route that admits its consumer; otherwise a route
 * is allowed when it is listed, or its service is listed, or it carries one of the tags. Requests may name routes
 * and services by name or id; responses name them by name (or by id once the route or service is deleted).
 *
 * @param routes   routes the key may call
 * @param services services whose routes the key may call
 * @param tags     route tags the key may call
 */
public record ScopesRequest(List<String> routes, List<String> services, List<String> tags) {

    public ScopesRequest {
        routes = routes == null ? List.of() : routes;
        services = services == null ? List.of() : services;
        tags = tags == null ? List.of() : tags;
    }
}
