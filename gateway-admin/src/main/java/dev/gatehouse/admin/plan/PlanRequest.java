package dev.gatehouse.admin.plan;

/**
 * A plan as a client submits it (create, or full replacement on update).
 *
 * @param name        unique name such as {@code free} or {@code pro}; on update it may be omitted to keep it
 * @param description what the plan offers, for people; at most 1024 characters
 */
public record PlanRequest(String name, String description) {
}
