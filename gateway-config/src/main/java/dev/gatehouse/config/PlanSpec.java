package dev.gatehouse.config;

/**
 * A named tier (free, pro, ...) that consumers belong to. Limits and quotas are added by the rate-limit feature.
 *
 * @param id   stable identifier assigned by the admin
 * @param name unique name
 */
public record PlanSpec(String id, String name) implements ConfigEntity {

    @Override
    public EntityKind kind() {
        return EntityKind.PLAN;
    }
}
