package dev.gatehouse.admin.plan;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code plans}. The description stays in the admin; nodes get the {@link PlanSpec}. Rate limits and
 * quotas are the contract's JSON form in {@code jsonb} columns.
 */
@Entity
@Table(name = "plans")
class StoredPlan extends StoredEntity {

    private String name;

    private String description;

    @JdbcTypeCode(SqlTypes.JSON)
    private String rateLimits;

    @JdbcTypeCode(SqlTypes.JSON)
    private String quotas;

    private Instant updatedAt;

    protected StoredPlan() {
    }

    static StoredPlan create(PlanSpec spec, String description, ConfigJson json, Instant now) {
        StoredPlan plan = new StoredPlan();
        plan.created(UUID.fromString(spec.id()), now);
        plan.apply(spec, description, json, now);
        return plan;
    }

    void apply(PlanSpec spec, String description, ConfigJson json, Instant now) {
        this.name = spec.name();
        this.description = description;
        this.rateLimits = json.writeString(spec.rateLimits());
        this.quotas = json.writeString(spec.quotas());
        this.updatedAt = now;
    }

    PlanSpec toSpec(ConfigJson json) {
        return new PlanSpec(getId().toString(), name, Arrays.asList(json.read(rateLimits, RateLimit[].class)),
                Arrays.asList(json.read(quotas, Quota[].class)));
    }

    PlanView toView(long consumers, ConfigJson json) {
        PlanSpec spec = toSpec(json);
        return new PlanView(getId().toString(), name, description, spec.rateLimits(), spec.quotas(), consumers,
                createdAt(), updatedAt, version());
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }
}
