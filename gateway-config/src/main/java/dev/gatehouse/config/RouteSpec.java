package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.config.composite.CompositeSpec;
import java.util.List;

/**
 * How calls reach a service, and who may make them.
 *
 * @param id            stable identifier assigned by the admin
 * @param name          unique name, shown in logs and metrics
 * @param serviceId     id of the service that receives matching calls; {@code null} for a composite route
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
 * @param composite     the steps of a composite route, whose answer is assembled from several upstream calls;
 *                      {@code null} for a route that forwards to its service
 */
public record RouteSpec(String id, String name, String serviceId, List<String> hosts, List<String> paths,
                        PathMatch pathMatch, List<String> methods, boolean stripPrefix, int priority,
                        boolean enabled, AuthMode auth, List<String> allowedGroups, List<String> tags,
                        KeyAuthSpec keyAuth, JwtSpec jwt,
                        // Named explicitly: the @JsonIgnore on isComposite() (implicitly "composite") would
                        // otherwise drop this component when reading, and nodes would get composite routes without
                        // their steps.
                        @JsonProperty("composite") CompositeSpec composite) implements ConfigEntity {

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

    /** True when the route answers from several upstream calls rather than forwarding to one service. */
    @JsonIgnore
    public boolean isComposite() {
        return composite != null;
    }

    /** The ids of every service this route calls: its service, or its steps' services. */
    public java.util.Set<String> serviceIds() {
        if (composite == null) {
            return serviceId == null ? java.util.Set.of() : java.util.Set.of(serviceId);
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        composite.steps().forEach(step -> ids.add(step.serviceId()));
        return ids;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.ROUTE;
    }
}
