package dev.gatehouse.admin.plan;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.PlanSpec;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code plans}. The description stays in the admin; nodes get the {@link PlanSpec}. */
@Entity
@Table(name = "plans")
class StoredPlan extends StoredEntity {

    private String name;

    private String description;

    private Instant updatedAt;

    protected StoredPlan() {
    }

    static StoredPlan create(UUID id, String name, String description, Instant now) {
        StoredPlan plan = new StoredPlan();
        plan.created(id, now);
        plan.apply(name, description, now);
        return plan;
    }

    void apply(String name, String description, Instant now) {
        this.name = name;
        this.description = description;
        this.updatedAt = now;
    }

    PlanSpec toSpec() {
        return new PlanSpec(getId().toString(), name, java.util.List.of(), java.util.List.of());
    }

    PlanView toView(long consumers) {
        return new PlanView(getId().toString(), name, description, consumers, createdAt(), updatedAt);
    }

    String name() {
        return name;
    }
}
