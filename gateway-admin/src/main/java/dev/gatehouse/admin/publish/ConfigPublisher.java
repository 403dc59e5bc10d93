package dev.gatehouse.admin.publish;

import dev.gatehouse.admin.GatehouseProperties;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    /** Locks the configuration for this transaction and reserves the next revision. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ConfigWrite begin() {
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
}
