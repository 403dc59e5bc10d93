package dev.gatehouse.config;

import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;

import java.util.List;

/**
 * A named tier (free, pro, ...) that consumers belong to, with the rate limits and quotas every consumer on it
 * gets. A plan's rate limits count per consumer and rank as a plan-scoped rate-limit policy (see
 * {@link dev.gatehouse.config.policy.PolicyScope}); its quotas count per consumer or per key.
 *
 * @param id         stable identifier assigned by the admin
 * @param name       unique name
 * @param rateLimits limits per second, minute or hour, at most one per window
 * @param quotas     calls per day or month, at most one per period
 */
public record PlanSpec(String id, String name, List<RateLimit> rateLimits, List<Quota> quotas)
        implements ConfigEntity {

    public PlanSpec {
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
    }

    @Override
    public EntityKind kind() {
        return EntityKind.PLAN;
    }
}
