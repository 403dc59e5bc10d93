package dev.gatehouse.runtime.keys;

import java.util.Collection;
import java.util.Set;

import dev.gatehouse.config.KeyScopes;

/**
 * The scopes of API keys in the form a request checks: hash sets instead of lists. The key table keeps one instance
 * per distinct {@link KeyScopes} value (most keys share "unrestricted"), so a million keys do not hold a million
 * copies.
 *
 * @param spec     the scopes as published
 * @param routes   route ids the key may call
 * @param services service ids the key may call
 * @param tags     route tags the key may call
 */
public record KeyScopeSet(KeyScopes spec, Set<String> routes, Set<String> services, Set<String> tags) {

    /** No restriction. */
    public static final KeyScopeSet ANY = of(KeyScopes.ANY);

    /** The compiled form of {@code spec}. */
    public static KeyScopeSet of(KeyScopes spec) {
        return new KeyScopeSet(spec, Set.copyOf(spec.routes()), Set.copyOf(spec.services()), Set.copyOf(spec.tags()));
    }

    /** True when the key may call any route. */
    public boolean unrestricted() {
        return routes.isEmpty() && services.isEmpty() && tags.isEmpty();
    }

    /**
     * True when a key with these scopes may call the route: it is unrestricted, or lists the route, or lists the
     * route's service, or lists one of the route's tags. A composite route has no service ({@code serviceId}
     * null): a key scoped to services does not reach it through its steps' services.
     */
    public boolean allows(String routeId, String serviceId, Collection<String> routeTags) {
        if (unrestricted() || routes.contains(routeId) || serviceId != null && services.contains(serviceId)) {
            return true;
        }
        if (!tags.isEmpty()) {
            for (String tag : routeTags) {
                if (tags.contains(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
