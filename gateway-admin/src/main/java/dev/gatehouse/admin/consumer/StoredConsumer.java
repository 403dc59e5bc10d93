package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code consumers}. Groups and tags are {@code text[]} columns; the plan is held by id only, its name
 * belongs to the plan feature. Description and tags stay in the admin; nodes get the {@link ConsumerSpec}.
 */
@Entity
@Table(name = "consumers")
class StoredConsumer extends StoredEntity {

    private String name;

    private String description;

    /** {@code active} or {@code suspended}, as the table's CHECK constraint spells them. */
    private String status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> groups;

    private UUID planId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> tags;

    private Instant updatedAt;

    protected StoredConsumer() {
    }

    static StoredConsumer create(ConsumerSpec spec, String description, List<String> tags, Instant now) {
        StoredConsumer consumer = new StoredConsumer();
        consumer.created(UUID.fromString(spec.id()), now);
        consumer.apply(spec, description, tags, now);
        return consumer;
    }

    void apply(ConsumerSpec spec, String description, List<String> tags, Instant now) {
        this.name = spec.name();
        this.description = description;
        this.status = spec.status() == ConsumerStatus.SUSPENDED ? "suspended" : "active";
        this.groups = spec.groups();
        this.planId = spec.planId() == null ? null : UUID.fromString(spec.planId());
        this.tags = List.copyOf(tags);
        this.updatedAt = now;
    }

    ConsumerSpec toSpec() {
        return new ConsumerSpec(getId().toString(), name,
                "suspended".equals(status) ? ConsumerStatus.SUSPENDED : ConsumerStatus.ACTIVE, groups,
                planId == null ? null : planId.toString());
    }

    ConsumerView toView(String planName, long activeKeys) {
        return new ConsumerView(getId().toString(), name, description, status, groups, planName, tags, activeKeys,
                createdAt(), updatedAt, version());
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    String status() {
        return status;
    }

    List<String> groups() {
        return groups;
    }

    UUID planId() {
        return planId;
    }

    List<String> tags() {
        return tags;
    }
}
