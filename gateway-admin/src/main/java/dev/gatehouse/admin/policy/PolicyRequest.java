package dev.gatehouse.admin.policy;

import tools.jackson.databind.JsonNode;

/**
 * A policy as a client submits it (create, or full replacement on update).
 *
 * @param name     unique name; on update it may be omitted to keep it
 * @param enabled  whether it applies (absent means true)
 * @param scope    {@code global}, {@code service}, {@code route}, {@code consumer}, {@code plan} or
 *                 {@code route-consumer}
 * @param service  the service of a service-scoped policy, by name or id
 * @param route    the route of a route- or route-consumer-scoped policy, by name or id
 * @param consumer the consumer of a consumer- or route-consumer-scoped policy, by name or id
 * @param plan     the plan of a plan-scoped policy, by name or id
 * @param config   the typed configuration, an object whose {@code type} names the policy type; read by
 *                 {@link PolicyConfigReader} so that every problem is reported with its field
 */
public record PolicyRequest(String name, Boolean enabled, String scope, String service, String route,
                            String consumer, String plan, JsonNode config) {
}
