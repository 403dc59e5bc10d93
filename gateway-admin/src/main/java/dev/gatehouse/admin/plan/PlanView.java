package dev.gatehouse.admin.plan;

import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;
import java.time.Instant;
import java.util.List;

/**
 * A plan as the API and console show it.
 *
 * @param id          stable id (UUID)
 * @param name        unique name
 * @param description what the plan offers
 * @param rateLimits  the plan's rate limits per consumer
 * @param quotas      the plan's quotas
 * @param consumers   how many consumers are on the plan
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record PlanView(String id, String name, String description, List<RateLimit> rateLimits, List<Quota> quotas,
                       long consumers, Instant createdAt, Instant updatedAt,
                       long version) {
}
