package dev.gatehouse.admin.policy;

import dev.gatehouse.config.policy.PolicyConfig;
import java.time.Instant;

/**
 * A policy as the API and console show it. Targets are shown by name (their ids are in the {@code *Id} fields).
 *
 * @param id         stable id (UUID)
 * @param name       unique name
 * @param enabled    whether it applies
 * @param scope      what it is attached to
 * @param type       the policy type, such as {@code rate-limit}
 * @param service    name of the service of a service-scoped policy, else null
 * @param route      name of the route of a route- or route-consumer-scoped policy, else null
 * @param consumer   name of the consumer of a consumer- or route-consumer-scoped policy, else null
 * @param plan       name of the plan of a plan-scoped policy, else null
 * @param serviceId  id of that service, else null
 * @param routeId    id of that route, else null
 * @param consumerId id of that consumer, else null
 * @param planId     id of that plan, else null
 * @param config     the typed configuration
 * @param createdAt  when it was created
 * @param updatedAt  when it last changed
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record PolicyView(String id, String name, boolean enabled, String scope, String type, String service,
                         String route, String consumer, String plan, String serviceId, String routeId,
                         String consumerId, String planId, PolicyConfig config, Instant createdAt,
                         Instant updatedAt, long version) {

    /** What the policy is attached to, for people: {@code route orders}, {@code route orders + consumer acme}. */
    public String target() {
        return switch (scope) {
            case "global" -> "every call";
            case "service" -> "service " + service;
            case "route" -> "route " + route;
            case "consumer" -> "consumer " + consumer;
            case "plan" -> "plan " + plan;
            default -> "route " + route + " + consumer " + consumer;
        };
    }
}
