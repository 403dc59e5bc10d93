package dev.gatehouse.config;

import java.util.List;

/**
 * How calls reach a service.
 *
 * @param id          stable identifier assigned by the admin
 * @param name        unique name, shown in logs and metrics
 * @param serviceId   id of the service that receives matching calls
 * @param hosts       host names the call must be addressed to ({@code *.example.com} allowed); empty means any host
 * @param paths       request paths that match, each starting with {@code /}
 * @param pathMatch   whether paths match as prefixes (on segment boundaries) or exactly
 * @param methods     HTTP methods that match, upper case; empty means any method
 * @param stripPrefix whether the matched path is removed before forwarding
 * @param priority    higher priorities are tried first when several routes match
 * @param enabled     a disabled route matches nothing
 */
public record RouteSpec(String id, String name, String serviceId, List<String> hosts, List<String> paths,
                        PathMatch pathMatch, List<String> methods, boolean stripPrefix, int priority,
                        boolean enabled) implements ConfigEntity {

    public RouteSpec {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        pathMatch = pathMatch == null ? PathMatch.PREFIX : pathMatch;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.ROUTE;
    }
}
