package dev.gatehouse.runtime.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidationException;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;

/**
 * Every policy of one configuration (and every plan's own rate limits) compiled by the factory of its type, once,
 * before any route is built. A policy that cannot be compiled refuses the whole configuration.
 */
public final class CompiledPolicies {

    private final Map<String, Object> byPolicy;

    private CompiledPolicies(Map<String, Object> byPolicy) {
        this.byPolicy = byPolicy;
    }

    /** Nothing compiled: for a configuration without policies. */
    static CompiledPolicies none() {
        return new CompiledPolicies(Map.of());
    }

    /**
     * Compiles the enabled policies and plan rate limits of {@code state}.
     *
     * @throws ConfigValidationException naming each policy that cannot be compiled, or whose type has no factory
     */
    public static CompiledPolicies compile(ConfigState state, Map<PolicyType, PolicyFilterFactory<?, ?>> factories) {
        Map<String, Object> out = new HashMap<>();
        List<Violation> failures = new java.util.ArrayList<>();
        for (PolicySpec policy : state.policies().values()) {
            if (policy.enabled() && policy.config() != null) {
                compileOne(key(policy.id(), false), "policies[" + policy.name() + "].config", policy.config(),
                        factories, out, failures);
            }
        }
        for (PlanSpec plan : state.plans().values()) {
            if (!plan.rateLimits().isEmpty()) {
                compileOne(key(plan.id(), true), "plans[" + plan.name() + "].rateLimits",
                        new RateLimitPolicy(plan.rateLimits(), RateLimitKey.CONSUMER, null), factories, out,
                        failures);
            }
        }
        if (!failures.isEmpty()) {
            throw new ConfigValidationException(failures);
        }
        return new CompiledPolicies(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void compileOne(String key, String field, PolicyConfig config,
                                   Map<PolicyType, PolicyFilterFactory<?, ?>> factories, Map<String, Object> out,
                                   List<Violation> failures) {
        PolicyFilterFactory factory = factories.get(PolicyType.of(config.getClass()));
        if (factory == null) {
            failures.add(new Violation(field, "this node cannot enforce " + PolicyType.of(config.getClass()).value()
                    + " policies"));
            return;
        }
        try {
            Object compiled = factory.compile(config);
            if (compiled != null) {
                out.put(key, compiled);
            }
        } catch (IllegalArgumentException e) {
            failures.add(new Violation(field, "cannot be compiled: " + e.getMessage()));
        }
    }

    private static String key(String id, boolean plan) {
        return (plan ? "plan:" : "policy:") + id;
    }

    /** The compiled form of {@code policy}, or null when it is null or compiled to nothing. */
    @SuppressWarnings("unchecked")
    <T> T get(EffectivePolicy policy) {
        return policy == null ? null : (T) byPolicy.get(key(policy.policyId(), policy.fromPlan()));
    }
}
