package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.EntityKind;
import java.util.List;

/**
 * A feature that owns one kind of published configuration object. Snapshots for nodes are assembled from every
 * source bean, so this package depends on the contract only, never on the features that call
 * {@link ConfigPublisher}.
 */
public interface PublishedConfigSource {

    /** The kind of object this source owns; one source per kind. */
    EntityKind kind();

    /**
     * Every object of {@link #kind()} as currently stored. Called inside the snapshot's read-only
     * REPEATABLE READ transaction, so it must join the current transaction rather than start its own.
     */
    List<? extends ConfigEntity> currentEntities();
}
