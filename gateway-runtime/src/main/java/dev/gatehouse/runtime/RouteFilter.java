package dev.gatehouse.runtime;

import java.util.Set;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;

import org.springframework.cloud.gateway.filter.GlobalFilter;

/**
 * A global filter with work on some routes only (a policy type, an auth mode). The proxy handler asks once per
 * route and configuration and leaves the filter out of the chains of the routes where it has nothing to do, so a
 * route pays only for what it uses. Its arguments are contract types only, so any feature package can implement
 * it without depending on the others.
 */
public interface RouteFilter extends GlobalFilter {

    /**
     * True when a call of {@code route} may need this filter under a configuration whose policies are
     * {@code policies}. It must not answer false for any call it would act on; true when in doubt is always correct.
     */
    boolean appliesTo(RouteSpec route, PolicyResolver policies);

    /** True when a policy of one of {@code types} may apply to some call of {@code route}. */
    static boolean mayHave(RouteSpec route, PolicyResolver policies, PolicyType... types) {
        Set<PolicyType> possible = policies.possibleTypes(route);
        for (PolicyType type : types) {
            if (possible.contains(type)) {
                return true;
            }
        }
        return false;
    }
}
