package dev.gatehouse.admin.plan;

import java.time.Instant;

/**
 * A plan as the API and console show it.
 *
 * @param id          stable id (UUID)
 * @param name        unique name
 * @param description what the plan offers
 * @param consumers   how many consumers are on the plan
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 */
public record PlanView(String id, String name, String description, long consumers, Instant createdAt,
                       Instant updatedAt) {
}
