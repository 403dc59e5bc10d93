package dev.gatehouse.runtime.auth;

import java.util.List;
import java.util.Set;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;

/**
 * What one route requires of callers, compiled once per configuration: the mode, what key scopes and consumer
 * groups are matched against, where keys are read from, the JWT verifier and the {@code WWW-Authenticate}
 * challenges answered with a 401.
 *
 * @param mode              none, key or jwt
 * @param routeId           the route id (key scopes may list it)
 * @param serviceId         the route's service id (key scopes may list it)
 * @param tags              the route's tags (key scopes may list one)
 * @param allowedGroups     consumer groups allowed to call; empty for every authenticated consumer
 * @param keyAuth           where keys are read from (mode key)
 * @param missingChallenges {@code WWW-Authenticate} values when no credentials were sent
 * @param invalidChallenges {@code WWW-Authenticate} values when the credentials were refused
 * @param jwt               the token verifier (mode jwt), else null
 */
public record RouteAuth(AuthMode mode, String routeId, String serviceId, List<String> tags, Set<String> allowedGroups,
                        KeyAuthSpec keyAuth, List<String> missingChallenges, List<String> invalidChallenges,
                        JwtVerifier jwt) {

    /** A route open to anonymous callers. */
    public static RouteAuth anonymous(String routeId, String serviceId) {
        return new RouteAuth(AuthMode.NONE, routeId, serviceId, List.of(), Set.of(), KeyAuthSpec.DEFAULT, List.of(),
                List.of(), null);
    }

    /** True when the consumer's groups let it call this route. */
    public boolean admits(KnownConsumer consumer) {
        if (allowedGroups.isEmpty()) {
            return true;
        }
        for (String group : consumer.groups()) {
            if (allowedGroups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
