package dev.gatehouse.admin.route;

import java.util.List;

/**
 * A route as a client submits it (create, or full replacement on update). Absent optional fields take their
 * defaults on create: any host, path match {@code prefix}, any method, no prefix stripping, priority 0, enabled,
 * auth {@code key} with the key in {@code X-API-Key}, no group restriction, no tags. On update an absent
 * {@code name}, {@code auth}, {@code allowedGroups}, {@code tags}, {@code keyAuth} or {@code jwt} keeps the
 * route's current value, so a client that does not know these fields never changes who may call the route;
 * send an empty list to clear a list.
 *
 * @param name          unique name; on update it may be omitted to keep the current name
 * @param kind          {@code proxy} (absent means proxy: calls are forwarded to {@code service}) or
 *                      {@code composite} (calls are answered from the steps in {@code composite}); a PUT may
 *                      change it either way
 * @param service       name or id of the service that receives matching calls; must be absent for a composite
 *                      route, whose steps name services
 * @param hosts         host names to match ({@code *.example.com} allowed)
 * @param paths         at least one path starting with {@code /}
 * @param pathMatch     {@code prefix} or {@code exact}
 * @param methods       HTTP methods to match
 * @param stripPrefix   whether the matched path is removed before forwarding
 * @param priority      higher is tried first
 * @param enabled       a disabled route matches nothing
 * @param auth          what callers must present: {@code none} (anonymous), {@code key} or {@code jwt}
 * @param allowedGroups consumer groups allowed to call; empty means every authenticated consumer
 * @param tags          labels for grouping routes; API keys can be scoped to tags
 * @param keyAuth       where the API key is read from (used when {@code auth} is {@code key})
 * @param jwt           how tokens are checked; required when {@code auth} is {@code jwt}, ignored otherwise
 * @param composite     the steps and limits of a composite route; required when {@code kind} is
 *                      {@code composite}, refused otherwise
 */
public record RouteRequest(String name, String kind, String service, List<String> hosts, List<String> paths,
                           String pathMatch, List<String> methods, Boolean stripPrefix, Integer priority,
                           Boolean enabled, String auth, List<String> allowedGroups, List<String> tags,
                           KeyAuthRequest keyAuth, JwtRequest jwt, CompositeRequest composite) {

    /** {@code kind} of a route that forwards calls to its service. */
    public static final String PROXY = "proxy";
    /** {@code kind} of a route answered from several upstream calls. */
    public static final String COMPOSITE = "composite";

    /** A route that forwards to {@code service} (kind {@code proxy}, no composite). */
    public RouteRequest(String name, String service, List<String> hosts, List<String> paths, String pathMatch,
                        List<String> methods, Boolean stripPrefix, Integer priority, Boolean enabled, String auth,
                        List<String> allowedGroups, List<String> tags, KeyAuthRequest keyAuth, JwtRequest jwt) {
        this(name, PROXY, service, hosts, paths, pathMatch, methods, stripPrefix, priority, enabled, auth,
                allowedGroups, tags, keyAuth, jwt, null);
    }
}
