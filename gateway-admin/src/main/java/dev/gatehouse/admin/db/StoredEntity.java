package dev.gatehouse.admin.db;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * A row whose UUID the admin assigns (not the database), with the time it was created and its version. The one
 * base class of the {@code Stored*} entities: it holds only what every such row needs to be saved with a plain
 * INSERT and updated without losing someone else's change.
 */
@MappedSuperclass
public abstract class StoredEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    private Instant createdAt;

    // Advanced by every UPDATE, which also checks it (WHERE version = ?): a write based on a stale read fails
    // with an OptimisticLockingFailureException instead of overwriting. The API shows it as the ETag.
    @Version
    private long version;

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

    /** The row's version: 0 when created, one more after each change (as seen after the last flush). */
    public long version() {
        return version;
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
