package dev.gatehouse.admin.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code cluster_identity} row. Read fresh every time (one primary-key read per stream start and per batch of
 * committed revisions), so that a force restore on any admin instance is seen by all of them with the revision it
 * committed. JDBC like the rest of this package: the row is never an entity with a life cycle.
 */
@Component
public class ClusterIdentityStore {

    private static final String SELECT = "SELECT id::text AS id, epoch, created_at, restored_at, restored_by,"
            + " restore_reason FROM cluster_identity WHERE singleton";

    private final JdbcClient jdbc;
    private final ConfigPublisher publisher;
    private final List<ChangeAudit> audits;

    ClusterIdentityStore(JdbcClient jdbc, ConfigPublisher publisher, List<ChangeAudit> audits) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.audits = List.copyOf(audits);
    }

    /** The identity this admin publishes under now. */
    @Transactional(readOnly = true)
    public ClusterIdentity current() {
        return jdbc.sql(SELECT).query(ClusterIdentityStore::map).single();
    }

    /**
     * Makes the cluster {@code clusterId} at {@code epoch} and records who did it, under the configuration lock,
     * as one revision without changes: every admin instance hears of that revision, streams it to its nodes
     * stamped with the new epoch, and the nodes then take a snapshot of the new epoch.
     *
     * @return the identity after the restore
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ClusterIdentity restore(String clusterId, long epoch, String by, String reason) {
        ConfigWrite write = publisher.begin();
        ClusterIdentity before = current();
        jdbc.sql("UPDATE cluster_identity SET id = CAST(? AS uuid), epoch = ?, restored_at = now(), restored_by = ?,"
                        + " restore_reason = ? WHERE singleton")
                .params(clusterId, epoch, by, reason).update();
        long revision = publisher.publish(write);
        ClusterIdentity after = current();
        for (ChangeAudit audit : audits) {
            audit.forceRestored(revision, after.id(), auditView(before), auditView(after));
        }
        return after;
    }

    private static Map<String, Object> auditView(ClusterIdentity identity) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", identity.id());
        view.put("epoch", identity.epoch());
        view.put("restoredBy", identity.restoredBy());
        view.put("restoreReason", identity.restoreReason());
        return view;
    }

    private static ClusterIdentity map(ResultSet rs, int row) throws SQLException {
        return new ClusterIdentity(rs.getString("id"), rs.getLong("epoch"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("restored_at")), rs.getString("restored_by"), rs.getString("restore_reason"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
