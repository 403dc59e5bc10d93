package dev.gatehouse.runtime.live;

import dev.gatehouse.config.policy.PolicyConfig;

/**
 * The factory of one policy type: compiles each policy of its type once per configuration ({@link #compile}), then
 * builds each route's filter ({@link #apply}) from the compiled policies that apply there, which the route finds
 * with {@link RouteSetup#compiled}. Every policy of a configuration is compiled before any route, so a policy that
 * cannot compile refuses the configuration as a whole, whether or not a route uses it yet.
 *
 * @param <C> the policy record
 * @param <T> its compiled form
 */
public interface PolicyFilterFactory<C extends PolicyConfig, T> extends RouteFilterFactory {

    /** The policy record this factory compiles. */
    Class<C> policyType();

    /**
     * Compiles one policy.
     *
     * @throws IllegalArgumentException when it cannot be compiled
     */
    T compile(C policy);
}
