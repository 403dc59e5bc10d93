package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ApiKeySpec;
import java.util.function.Consumer;

/**
 * The feature that owns API keys, as snapshots need it. Keys are a kind apart from {@link PublishedConfigSource}:
 * there may be a million of them, so a snapshot streams them from a database cursor into chunks instead of
 * holding them in one list.
 */
public interface PublishedKeySource {

    /**
     * Number of keys nodes hold now (every key not revoked). Called inside the snapshot's read-only REPEATABLE
     * READ transaction, so it must join that transaction; it then agrees with {@link #forEachPublished}.
     */
    long countPublished();

    /**
     * Hands every key nodes hold to {@code action}, in no particular order, reading with a cursor so that the
     * keys are never all in memory at once. Called inside the same transaction as {@link #countPublished()}; an
     * exception thrown by {@code action} stops the reading and propagates.
     */
    void forEachPublished(Consumer<ApiKeySpec> action);
}
