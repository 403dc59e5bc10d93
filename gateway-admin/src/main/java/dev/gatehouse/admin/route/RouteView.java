package dev.gatehouse.admin.route;

import java.time.Instant;
import java.util.List;

/**
 * A route as the API and console show it.
 *
 * @param id            stable id (UUID)
 * @param name          unique name
 * @param kind          {@code proxy} or {@code composite}
 * @param service       name of the service it sends calls to; null for a composite route
 * @param hosts         host names it matches; empty means any
 * @param paths         paths it matches
 * @param pathMatch     {@code prefix} or {@code exact}
 * @param methods       methods it matches; empty means any
 * @param stripPrefix   whether the matched path is removed before forwarding
 * @param priority      higher is tried first
 * @param enabled       whether it matches at all
 * @param createdAt     when it was created
 * @param updatedAt     when it last changed
 * @param auth          {@code none}, {@code key} or {@code jwt}
 * @param allowedGroups consumer groups allowed to call; empty means every authenticated consumer
 * @param tags          labels API keys can be scoped to
 * @param keyAuth       where API keys are read from
 * @param jwt           token settings when {@code auth} is {@code jwt} (secret masked), else null
 * @param composite     steps (with their services' names) and limits of a composite route, else null
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record RouteView(String id, String name, String kind, String service, List<String> hosts,
                        List<String> paths, String pathMatch, List<String> methods, boolean stripPrefix,
                        int priority, boolean enabled, Instant createdAt, Instant updatedAt, String auth,
                        List<String> allowedGroups, List<String> tags, KeyAuthRequest keyAuth, JwtRequest jwt,
                        CompositeRequest composite, long version) {

    public RouteView {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A route that forwards to {@code service}. */
    public RouteView(String id, String name, String service, List<String> hosts, List<String> paths,
                     String pathMatch, List<String> methods, boolean stripPrefix, int priority, boolean enabled,
                     Instant createdAt, Instant updatedAt, String auth, List<String> allowedGroups,
                     List<String> tags, KeyAuthRequest keyAuth, JwtRequest jwt, long version) {
        this(id, name, RouteRequest.PROXY, service, hosts, paths, pathMatch, methods, stripPrefix, priority, enabled,
                createdAt, updatedAt, auth, allowedGroups, tags, keyAuth, jwt, null, version);
    }

    /** Names of the services the route calls: its service, or its steps' services (each once, in step order). */
    public java.util.Set<String> serviceNames() {
        if (composite == null) {
            return service == null ? java.util.Set.of() : java.util.Set.of(service);
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        composite.steps().forEach(step -> names.add(step.service()));
        return java.util.Collections.unmodifiableSet(names);
    }
}
