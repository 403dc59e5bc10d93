package dev.gatehouse.config;

import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.PolicyType;

/**
 * A traffic policy attached to a scope. Exactly the ids the scope needs are set: {@code serviceId} for service,
 * {@code routeId} for route, {@code consumerId} for consumer, {@code planId} for plan, {@code routeId} and
 * {@code consumerId} for route-consumer; none for global.
 *
 * @param id         stable identifier assigned by the admin
 * @param name       unique name
 * @param enabled    a disabled policy applies to nothing
 * @param scope      what the policy is attached to
 * @param serviceId  the service of a service-scoped policy, else {@code null}
 * @param routeId    the route of a route- or route-consumer-scoped policy, else {@code null}
 * @param consumerId the consumer of a consumer- or route-consumer-scoped policy, else {@code null}
 * @param planId     the plan of a plan-scoped policy, else {@code null}
 * @param config     the typed configuration; its type is the policy's type
 */
public record PolicySpec(String id, String name, boolean enabled, PolicyScope scope, String serviceId,
                         String routeId, String consumerId, String planId, PolicyConfig config)
        implements ConfigEntity {

    /** The policy's type, taken from its configuration; {@code null} when the configuration is missing. */
    public PolicyType type() {
        return config == null ? null : config.type();
    }

    @Override
    public EntityKind kind() {
        return EntityKind.POLICY;
    }
}
