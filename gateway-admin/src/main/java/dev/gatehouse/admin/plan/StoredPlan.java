package dev.gatehouse.admin.plan;

import dev.gatehouse.config.PlanSpec;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A row of {@code plans}. The description stays in the admin; nodes get the {@link PlanSpec}. */
@Entity
@Table(name = "plans")
class StoredPlan implements Persistable<UUID> {

    @Id
    private UUID id;

    private String name;

    private String description;

    private Instant createdAt;

    private Instant updatedAt;

    // The id is assigned here, not by the database: without this flag Spring Data would merge (SELECT first).
    @Transient
    private boolean isNew;

    protected StoredPlan() {
    }

    static StoredPlan create(UUID id, String name, String description, Instant now) {
        StoredPlan plan = new StoredPlan();
        plan.id = id;
        plan.createdAt = now;
        plan.isNew = true;
        plan.apply(name, description, now);
        return plan;
    }

    void apply(String name, String description, Instant now) {
        this.name = name;
        this.description = description;
        this.updatedAt = now;
    }

    PlanSpec toSpec() {
        return new PlanSpec(id.toString(), name);
    }

    PlanView toView(long consumers) {
        return new PlanView(id.toString(), name, description, consumers, createdAt, updatedAt);
    }

    @Override
    public UUID getId() {
        return id;
    }

    String name() {
        return name;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }
}
