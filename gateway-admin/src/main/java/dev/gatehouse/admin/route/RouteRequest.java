package dev.gatehouse.admin.route;

import java.util.List;

/**
 * A route as a client submits it (create, or full replacement on update). Absent optional fields take their
 * defaults: any host, path match {@code prefix}, any method, no prefix stripping, priority 0, enabled.
 *
 * @param name        unique name; on update it may be omitted to keep the current name
 * @param service     name or id of the service that receives matching calls
 * @param hosts       host names to match ({@code *.example.com} allowed)
 * @param paths       at least one path starting with {@code /}
 * @param pathMatch   {@code prefix} or {@code exact}
 * @param methods     HTTP methods to match
 * @param stripPrefix whether the matched path is removed before forwarding
 * @param priority    higher is tried first
 * @param enabled     a disabled route matches nothing
 */
public record RouteRequest(String name, String service, List<String> hosts, List<String> paths, String pathMatch,
                           List<String> methods, Boolean stripPrefix, Integer priority, Boolean enabled) {
}
