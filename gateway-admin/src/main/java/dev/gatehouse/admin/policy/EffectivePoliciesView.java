package dev.gatehouse.admin.policy;

import dev.gatehouse.config.policy.PolicyConfig;
import java.util.List;

/**
 * The policies that apply to calls of a route (by one consumer, when given): one per type, the most specific.
 *
 * @param route    the route's name
 * @param routeId  the route's id
 * @param consumer the consumer's name, or null for what applies to every caller
 * @param policies the winning policy of each type that has one
 */
public record EffectivePoliciesView(String route, String routeId, String consumer, List<Entry> policies) {

    /**
     * The winning policy of one type.
     *
     * @param type       the policy type
     * @param scope      the scope it is attached to
     * @param policyId   id of the policy, or of the plan when {@code fromPlan}
     * @param policyName name of the policy, or of the plan
     * @param fromPlan   true when these are a plan's own rate limits rather than a policy object
     * @param config     the configuration in force
     */
    public record Entry(String type, String scope, String policyId, String policyName, boolean fromPlan,
                        PolicyConfig config) {
    }
}
