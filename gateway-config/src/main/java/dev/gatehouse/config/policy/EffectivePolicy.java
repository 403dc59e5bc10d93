package dev.gatehouse.config.policy;

/**
 * The policy of one type that applies to a call, and where it comes from.
 *
 * @param type     the policy type
 * @param scope    the scope it was attached to
 * @param policyId id of the policy, or of the plan when it is a plan's own rate limits
 * @param name     name of the policy, or of the plan
 * @param fromPlan true when these are a plan's own rate limits rather than a policy object
 * @param config   the configuration in force
 */
public record EffectivePolicy(PolicyType type, PolicyScope scope, String policyId, String name, boolean fromPlan,
                              PolicyConfig config) {
}
