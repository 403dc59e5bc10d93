package dev.gatehouse.admin.route;

import java.time.Instant;
import java.util.List;

/**
 * A route as the API and console show it.
 *
 * @param id            stable id (UUID)
 * @param name          unique name
 * @param service       name of the service it sends calls to
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
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record RouteView(String id, String name, String service, List<String> hosts, List<String> paths,
                        String pathMatch, List<String> methods, boolean stripPrefix, int priority, boolean enabled,
                        Instant createdAt, Instant updatedAt, String auth, List<String> allowedGroups,
                        List<String> tags, KeyAuthRequest keyAuth, JwtRequest jwt,
                        long version) {

    public RouteView {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
