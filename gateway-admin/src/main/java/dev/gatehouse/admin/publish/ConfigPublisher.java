package dev.gatehouse.admin.publish;

import dev.gatehouse.admin.GatehouseProperties;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes configuration changes. Every write transaction of a configuration feature calls {@link #begin()}
 * first, which advances the one global revision with {@code UPDATE ... RETURNING}: the row lock it takes
 * serialises concurrent writers, so each reads a consistent "before" state and revisions commit in order with
 * no gaps (a rolled-back write rolls its revision back too). {@link #publish} then stores the new content hash,
 * the change log rows and a {@code pg_notify} in the same transaction, so nodes hear of exactly what committed.
 * It also writes the audit trail of the change there, so every configuration change is audited in one place and
 * a change commits if and only if its audit records do.
 * <p>
 * Plain JDBC rather than JPA on purpose: the revision row is a lock taken with {@code UPDATE ... RETURNING},
 * the change log is append-only rows with a {@code jsonb} payload, and {@code pg_notify} is a function call;
 * none of it is an entity with a life cycle. The JPA transaction manager hands these statements the same
 * connection and transaction as the features' entity writes, so both commit or roll back together.
 * <p>
 * Many writes can make one revision: inside {@link #inBatch}, {@link #begin()} hands every feature the batch's one
 * {@link ConfigWrite} and {@link #publish} only collects, and the batch's end publishes everything once (a
 * declarative import of a thousand routes is one revision, one hash update, one notification).
 */
@Component
public class ConfigPublisher {

    /** The PostgreSQL notification channel; the payload is the committed revision. */
    public static final String CHANNEL = "gatehouse_config";

    private final JdbcClient jdbc;
    private final EntityManager entities;
    private final ConfigJson json;
    private final ConfigHash hasher;
    private final long retainedRevisions;
    private final List<ChangeAudit> audits;

    ConfigPublisher(JdbcClient jdbc, EntityManager entities, ConfigJson json, ConfigHash hasher,
                    GatehouseProperties properties, List<ChangeAudit> audits) {
        this.audits = List.copyOf(audits);
        this.jdbc = jdbc;
        this.entities = entities;
        this.json = json;
        this.hasher = hasher;
        this.retainedRevisions = Math.max(1, properties.cluster().retainedRevisions());
    }

    /**
     * Locks the configuration for this transaction and reserves the next revision; inside a batch, the batch's
     * one write (reserved on the first call).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ConfigWrite begin() {
        Batch batch = currentBatch();
        if (batch != null) {
            if (batch.write == null) {
                batch.write = reserve().reason(batch.reason);
            }
            return batch.write;
        }
        return reserve();
    }

    /**
     * Runs {@code work} in the current transaction as one configuration write: every {@link #begin()} within it
     * answers the same {@link ConfigWrite}, every {@link #publish} only collects, and the end publishes all the
     * changes at once as one revision labelled {@code reason}. Changes whose object is the same before and after are
     * left out; when none is left, no revision is published and the reserved one is given back, so the
     * configuration's revision is as before. A failure of {@code work} publishes nothing (the caller's transaction
     * rolls back). Batches do not nest.
     *
     * @return what {@code work} answered and the revision published, if any
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> Batched<T> inBatch(String reason, Supplier<T> work) {
        if (currentBatch() != null) {
            throw new IllegalStateException("a configuration batch is already open in this transaction");
        }
        Batch batch = new Batch(reason);
        TransactionSynchronizationManager.bindResource(this, batch);
        T value;
        try {
            value = work.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(this);
        }
        ConfigWrite write = batch.write;
        if (write == null) {
            return new Batched<>(value, OptionalLong.empty());
        }
        write.entries().removeIf(entry -> Objects.equals(entry.before(), entry.after()));
        if (write.entries().isEmpty()) {
            // We hold the row lock since begin(): nobody saw the reserved revision, give it back.
            jdbc.sql("UPDATE config_state SET revision = revision - 1 WHERE id AND revision = ?")
                    .param(write.revision()).update();
            entities.flush();
            return new Batched<>(value, OptionalLong.empty());
        }
        return new Batched<>(value, OptionalLong.of(publish(write)));
    }

    /** Whether a batch is open in the current transaction. */
    public boolean inBatch() {
        return currentBatch() != null;
    }

    private Batch currentBatch() {
        return (Batch) TransactionSynchronizationManager.getResource(this);
    }

    private ConfigWrite reserve() {
        return jdbc.sql("UPDATE config_state SET revision = revision + 1 WHERE id RETURNING revision, hash")
                .query((rs, n) -> new ConfigWrite(rs.getLong("revision"), rs.getLong("hash")))
                .single();
    }

    /**
     * Stores the change log and new hash of the write and notifies every admin instance on commit. Flushes the
     * transaction's pending entity changes first: JDBC bypasses the persistence context, and a write the
     * database refuses (a constraint) must fail here, before anything is logged, not later at commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long publish(ConfigWrite write) {
        entities.flush();
        Batch batch = currentBatch();
        if (batch != null && batch.write == write) {
            // Collected: the batch's end publishes it with the rest.
            return write.revision();
        }
        long hash = write.baseHash();
        for (ConfigWrite.Entry entry : write.entries()) {
            hash = hasher.update(hash, entry.before(), entry.after());
        }
        long revision = write.revision();
        jdbc.sql("UPDATE config_state SET hash = ? WHERE id").param(hash).update();
        jdbc.sql("INSERT INTO config_revisions (revision, hash) VALUES (?, ?)").params(revision, hash).update();
        int seq = 0;
        for (ConfigWrite.Entry entry : write.entries()) {
            var change = entry.change();
            jdbc.sql("INSERT INTO config_changes (revision, seq, kind, entity_id, op, payload)"
                            + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))")
                    .params(revision, seq++, change.kind().name().toLowerCase(), change.id(),
                            change.op() == ChangeOp.UPSERT ? "upsert" : "delete", json.writeString(change))
                    .update();
        }
        List<ChangeAudit.Change> changes = write.entries().stream()
                .map(entry -> new ChangeAudit.Change(entry.before(), entry.after())).toList();
        for (ChangeAudit audit : audits) {
            audit.written(revision, write.reason(), changes);
        }
        // The log is a resume aid, not history: nodes further behind get a snapshot.
        jdbc.sql("DELETE FROM config_revisions WHERE revision <= ?").param(revision - retainedRevisions).update();
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, Long.toString(revision)).query((rs, n) -> 1).list();
        return revision;
    }

    /**
     * What a batch answered.
     *
     * @param value    what the work answered
     * @param revision the one revision published, or empty when the work changed nothing
     */
    public record Batched<T>(T value, OptionalLong revision) {
    }

    /** The open batch of a transaction: its reason, and its one write once a feature began it. */
    private static final class Batch {

        private final String reason;
        private ConfigWrite write;

        Batch(String reason) {
            this.reason = reason;
        }
    }
}
