package dev.gatehouse.admin.apikey;

import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

/** Stored API keys. Only this package uses it; other features go through {@link ApiKeyService}. */
interface ApiKeyRepository extends JpaRepository<StoredApiKey, UUID> {

    List<StoredApiKey> findByConsumerIdOrderByCreatedAtDesc(UUID consumerId);

    List<StoredApiKey> findByConsumerIdAndRevokedAtIsNull(UUID consumerId);

    /** Number of keys nodes hold: every key not revoked. */
    long countByRevokedAtIsNull();

    /**
     * Every key nodes hold, read through a database cursor 1,000 rows at a time (PostgreSQL streams only inside
     * a transaction and with a fetch size). Read-only: Hibernate keeps no copies to check for changes.
     */
    @QueryHints({@QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = "1000"),
            @QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true")})
    @Query("select k from StoredApiKey k where k.revokedAt is null")
    Stream<StoredApiKey> streamPublished();

    /** Keys that work at {@code now}, per consumer, for the given consumers. */
    @Query("select k.consumerId as consumerId, count(k) as total from StoredApiKey k where k.consumerId in :ids"
            + " and k.revokedAt is null and (k.expiresAt is null or k.expiresAt > :now) group by k.consumerId")
    List<KeyCount> countWorking(Collection<UUID> ids, Instant now);

    /** Keys that work at {@code now}, per consumer, for every consumer. */
    @Query("select k.consumerId as consumerId, count(k) as total from StoredApiKey k"
            + " where k.revokedAt is null and (k.expiresAt is null or k.expiresAt > :now) group by k.consumerId")
    List<KeyCount> countWorking(Instant now);

    @Modifying(flushAutomatically = true)
    @Query("delete from StoredApiKey k where k.consumerId = :consumerId")
    int deleteByConsumer(UUID consumerId);

    /**
     * Keeps the latest reported use per key, for many keys in one statement: the usage arrives as one JSON object
     * of key id to epoch milliseconds, which PostgreSQL unpacks, so a heartbeat reporting thousands of keys is one
     * round trip. Only ever moves a time forward.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            UPDATE api_keys k SET last_used_at = to_timestamp(CAST(u.value AS bigint) / 1000.0)
            FROM jsonb_each_text(CAST(:usage AS jsonb)) AS u
            WHERE k.id = CAST(u.key AS uuid)
              AND (k.last_used_at IS NULL OR k.last_used_at < to_timestamp(CAST(u.value AS bigint) / 1000.0))""")
    int recordLastUsed(String usage);

    /** Projection of the key counts. */
    interface KeyCount {

        UUID getConsumerId();

        long getTotal();
    }
}
