package dev.gatehouse.config;

import java.util.List;

/**
 * How calls reach a service, and who may make them.
 *
 * @param id            stable identifier assigned by the admin
 * @param name          unique name, shown in logs and metrics
 * @param serviceId     id of the service that receives matching calls
 * @param hosts         host names the call must be addressed to ({@code *.example.com} allowed); empty means any
 * @param paths         request paths that match, each starting with {@code /}
 * @param pathMatch     whether paths match as prefixes (on segment boundaries) or exactly
 * @param methods       HTTP methods that match, upper case; empty means any method
 * @param stripPrefix   whether the matched path is removed before forwarding
 * @param priority      higher priorities are tried first when several routes match
 * @param enabled       a disabled route matches nothing
 * @param auth          what a caller must present: nothing, an API key or a JWT (absent means {@code key})
 * @param allowedGroups consumer groups allowed to call; empty means every authenticated consumer
 * @param tags          labels for grouping routes; API keys can be scoped to tags
 * @param keyAuth       where the API key is read from when {@code auth} is {@code key}
 * @param jwt           how tokens are checked when {@code auth} is {@code jwt}, else {@code null}
 */
public record RouteSpec(String id, String name, String serviceId, List<String> hosts, List<String> paths,
                        PathMatch pathMatch, List<String> methods, boolean stripPrefix, int priority,
                        boolean enabled, AuthMode auth, List<String> allowedGroups, List<String> tags,
                        KeyAuthSpec keyAuth, JwtSpec jwt) implements ConfigEntity {

    public RouteSpec {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        pathMatch = pathMatch == null ? PathMatch.PREFIX : pathMatch;
        // Fail closed: a route whose auth was lost on the way requires a key rather than letting everyone in.
        auth = auth == null ? AuthMode.KEY : auth;
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        tags = tags == null ? List.of() : List.copyOf(tags);
        keyAuth = keyAuth == null ? KeyAuthSpec.DEFAULT : keyAuth;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.ROUTE;
    }
}
