package dev.gatehouse.admin.route;

import dev.gatehouse.config.policy.EffectivePolicy;
import java.util.List;

/**
 * The policies in force on a route, for its console page. Implemented by the policy feature, which depends on
 * this one: the route feature asks through this interface and so never reads the policy table.
 */
public interface RoutePolicies {

    /** The winning policy of each type for every caller of the route, in the order of the policy types. */
    List<EffectivePolicy> effectiveFor(String routeId);
}
