package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Translates key scopes between what people write (route and service names, or ids) and what is stored and
 * published (ids), through the route and service features. A scope whose route or service was deleted since
 * shows its id: the key then simply cannot call it.
 */
@Component
class KeyScopeNames {

    private final RouteService routes;
    private final UpstreamService services;

    KeyScopeNames(RouteService routes, UpstreamService services) {
        this.routes = routes;
        this.services = services;
    }

    /** The scopes as ids, adding a violation ({@code scopes.routes[1]}) for each name that matches nothing. */
    KeyScopes resolve(ScopesRequest scopes, List<Violation> violations) {
        if (scopes == null) {
            return KeyScopes.ANY;
        }
        List<String> routeIds = ids("scopes.routes", scopes.routes(),
                value -> routes.find(value).map(RouteView::id), "route", violations);
        List<String> serviceIds = ids("scopes.services", scopes.services(),
                value -> services.find(value).map(ServiceView::id), "service", violations);
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < scopes.tags().size(); i++) {
            String tag = scopes.tags().get(i);
            if (tag == null || !ConfigValidator.NAME.matcher(tag.trim()).matches()) {
                violations.add(new Violation("scopes.tags[" + i + "]",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            } else {
                tags.add(tag.trim());
            }
        }
        return new KeyScopes(routeIds, serviceIds, List.copyOf(tags));
    }

    /** A snapshot of route and service names for showing many keys' scopes. */
    Names names() {
        return new Names(routes.namesById(), services.namesById());
    }

    private static List<String> ids(String field, List<String> values, Function<String, Optional<String>> find,
                                    String what, List<Violation> violations) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            Optional<String> id = value == null || value.isBlank() ? Optional.empty() : find.apply(value.trim());
            if (id.isEmpty()) {
                violations.add(new Violation(field + "[" + i + "]", "names no existing " + what + ": '" + value
                        + "'"));
            } else {
                ids.add(id.get());
            }
        }
        return List.copyOf(ids);
    }

    /** Route and service names by id. */
    record Names(Map<String, String> routes, Map<String, String> services) {

        ScopesRequest of(KeyScopes scopes) {
            return new ScopesRequest(scopes.routes().stream().map(id -> routes.getOrDefault(id, id)).toList(),
                    scopes.services().stream().map(id -> services.getOrDefault(id, id)).toList(),
                    scopes.tags());
        }
    }
}
