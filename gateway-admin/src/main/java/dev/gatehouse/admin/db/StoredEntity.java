package dev.gatehouse.admin.db;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * A row whose UUID the admin assigns (not the database), with the time it was created. The one base class of
 * the {@code Stored*} entities: it holds only what every such row needs to be saved with a plain INSERT.
 */
@MappedSuperclass
public abstract class StoredEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    private Instant createdAt;

    // The id is assigned here, not by the database: without this flag Spring Data would merge (SELECT first).
    @Transient
    private boolean isNew;

    protected StoredEntity() {
    }

    /** Makes this a new row with the given id, created at the given time. */
    protected final void created(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.isNew = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** When the row was created. */
    public Instant createdAt() {
        return createdAt;
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
