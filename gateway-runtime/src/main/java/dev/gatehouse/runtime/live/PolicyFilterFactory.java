package dev.gatehouse.runtime.live;

import java.util.function.Function;

import dev.gatehouse.config.policy.PolicyConfig;

/**
 * The factory of one policy type: compiles each policy of its type once per configuration, then builds each
 * route's filter ({@link #apply}) from the compiled policies that apply there, which the route finds with
 * {@link RouteSetup#compiled}. Every policy of a configuration is compiled before any route, so a policy that
 * cannot compile refuses the configuration as a whole, whether or not a route uses it yet.
 *
 * @param <C> the policy record
 * @param <T> its compiled form
 */
public interface PolicyFilterFactory<C extends PolicyConfig, T> extends RouteFilterFactory {

    /**
     * What a factory declares about its type.
     *
     * @param type     the policy record it compiles
     * @param compiler compiles one policy; throws {@link IllegalArgumentException} when it cannot
     * @param order    where its filters run in a chain ({@link dev.gatehouse.runtime.FilterOrder})
     */
    record Kind<C extends PolicyConfig, T>(Class<C> type, Function<C, T> compiler, int order) {
    }

    /** The policy record this factory compiles, how, and where its filters run. */
    Kind<C, T> kind();

    /** The policy record this factory compiles. */
    default Class<C> policyType() {
        return kind().type();
    }

    /**
     * Compiles one policy.
     *
     * @throws IllegalArgumentException when it cannot be compiled
     */
    default T compile(C policy) {
        return kind().compiler().apply(policy);
    }

    @Override
    default int order() {
        return kind().order();
    }
}
