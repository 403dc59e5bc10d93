package dev.gatehouse.admin.plan;

import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;
import java.util.List;

/**
 * A plan as a client submits it (create, or full replacement on update).
 *
 * @param name        unique name such as {@code free} or {@code pro}; on update it may be omitted to keep it
 * @param description what the plan offers, for people; at most 1024 characters
 * @param rateLimits  calls per second, minute or hour every consumer on the plan gets, at most one per window;
 *                    on update, absent keeps the current limits and {@code []} removes them
 * @param quotas      calls per day or month per consumer (or per key), at most one per period; on update,
 *                    absent keeps the current quotas and {@code []} removes them
 */
public record PlanRequest(String name, String description, List<RateLimit> rateLimits, List<Quota> quotas) {

    /** A request with a name and description only. */
    public PlanRequest(String name, String description) {
        this(name, description, null, null);
    }
}
