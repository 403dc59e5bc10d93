package dev.gatehouse.runtime.live;

import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.routing.Balancer;

import org.springframework.cloud.gateway.route.Route;

/**
 * What a {@link RouteFilterFactory} is given to build one route's filter: the route and its service as published,
 * the service's target picker and prebuilt SCG route, and the configuration being swapped in (its state, which
 * policy applies where, its consumers and keys).
 *
 * @param spec         the route
 * @param service      the service it sends to; null for a composite route
 * @param targets      the service's target picker; null for a composite route
 * @param gatewayRoute the SCG route carrying the service's timeouts; null for a composite route
 * @param state        the configuration being compiled
 * @param policies     which policy of each type applies to a call
 * @param directory    the configuration's consumers and keys
 * @param compiled     every policy of the configuration, compiled by its type's factory
 * @param pickers      every service's target picker, by service id (a composite route's steps use several)
 */
public record RouteSetup(RouteSpec spec, ServiceSpec service, Balancer targets, Route gatewayRoute,
                         ConfigState state, PolicyResolver policies, ConsumerDirectory directory,
                         CompiledPolicies compiled, Map<String, Balancer> pickers) {

    /** The compiled form of {@code policy} (made by its type's {@link PolicyFilterFactory}), or null for null. */
    public <T> T compiled(EffectivePolicy policy) {
        return compiled.get(policy);
    }

    /** True when a policy of {@code type} may apply to some call of this route, whoever makes it. */
    public boolean mayHave(Class<? extends PolicyConfig> type) {
        return policies.possibleTypes(spec).contains(PolicyType.of(type));
    }

    /** The policy of {@code type} that applies to every call of the route (route, service, global), or null. */
    public EffectivePolicy routePolicy(Class<? extends PolicyConfig> type) {
        return policies.forRoute(spec).get(PolicyType.of(type));
    }

    /** The policy of {@code type} that applies to a call by {@code consumer} (null: anonymous), or null. */
    public EffectivePolicy callPolicy(Class<? extends PolicyConfig> type, ConsumerSpec consumer) {
        return policies.forCall(spec, consumer).get(PolicyType.of(type));
    }

    /**
     * The policy of {@code type} that applies to calls this route sends to the service {@code serviceId} when the
     * route has no service of its own (a composite route's steps): the service's, else the global one; or null.
     */
    public EffectivePolicy servicePolicy(Class<? extends PolicyConfig> type, String serviceId) {
        return policies.forService(serviceId).get(PolicyType.of(type));
    }

    /** True when who calls may change which policy of {@code type} applies on this route. */
    public boolean dependsOnConsumer(Class<? extends PolicyConfig> type) {
        return policies.dependsOnConsumer(spec, PolicyType.of(type));
    }
}
