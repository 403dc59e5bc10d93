package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the change log ({@code config_revisions} + {@code config_changes}) back as contract change sets, stamped
 * with the cluster id and epoch read after the log (so a revision committed by a force restore is never stamped
 * with the epoch before it). JDBC, not JPA: the log is read as one ordered join streamed straight into change
 * sets, and its rows are never entities that change.
 */
@Component
class ChangeLog {

    private static final String SELECT = "SELECT r.revision, r.hash, c.payload::text AS payload"
            + " FROM config_revisions r LEFT JOIN config_changes c ON c.revision = r.revision"
            + " WHERE r.revision > ? AND r.revision <= ? ORDER BY r.revision, c.seq";

    private final JdbcClient jdbc;
    private final ConfigJson json;
    private final ClusterIdentityStore identity;

    ChangeLog(JdbcClient jdbc, ConfigJson json, ClusterIdentityStore identity) {
        this.jdbc = jdbc;
        this.json = json;
        this.identity = identity;
    }

    /** When the transaction of each revision in ({@code after}, {@code to}] started (the database's clock). */
    Map<Long, Instant> writtenAt(long after, long to) {
        Map<Long, Instant> times = new HashMap<>();
        jdbc.sql("SELECT revision, created_at FROM config_revisions WHERE revision > ? AND revision <= ?")
                .params(after, to)
                .query((ResultSet rs) -> {
                    times.put(rs.getLong("revision"), rs.getTimestamp("created_at").toInstant());
                });
        return times;
    }

    /** One change set per committed revision after {@code after}, in order, at most {@code limit} of them. */
    List<ConfigChangeSet> after(long after, int limit) {
        List<ConfigChangeSet> sets = new ArrayList<>();
        List<ConfigChange> changes = new ArrayList<>();
        long[] current = {-1, 0};
        jdbc.sql(SELECT).params(after, after + limit).query((ResultSet rs) -> {
            long revision = rs.getLong("revision");
            if (revision != current[0]) {
                if (current[0] >= 0) {
                    // stamped with the cluster identity below
                    sets.add(new ConfigChangeSet(current[0] - 1, current[0], ConfigHash.format(current[1]), changes,
                            null, 0));
                    changes.clear();
                }
                current[0] = revision;
                current[1] = rs.getLong("hash");
            }
            add(rs, changes);
        });
        if (current[0] >= 0) {
            sets.add(new ConfigChangeSet(current[0] - 1, current[0], ConfigHash.format(current[1]), changes,
                    null, 0));
        }
        if (sets.isEmpty()) {
            return sets;
        }
        ClusterIdentity cluster = identity.current();
        return sets.stream().map(set -> set.withCluster(cluster.id(), cluster.epoch())).toList();
    }

    /**
     * Everything from {@code from} (exclusive) to {@code to} (inclusive) as one change set, or empty when some of
     * those revisions are no longer retained. Call inside one transaction with the read of {@code to}.
     */
    Optional<ConfigChangeSet> between(long from, long to, long hashAtTo) {
        ClusterIdentity cluster = identity.current();
        if (from == to) {
            return Optional.of(new ConfigChangeSet(from, to, ConfigHash.format(hashAtTo), List.of(), cluster.id(),
                    cluster.epoch()));
        }
        Long oldest = jdbc.sql("SELECT min(revision) FROM config_revisions").query(Long.class).optional()
                .orElse(null);
        if (oldest == null || oldest > from + 1) {
            return Optional.empty();
        }
        List<ConfigChange> changes = new ArrayList<>();
        long[] seen = {0};
        jdbc.sql(SELECT).params(from, to).query((ResultSet rs) -> {
            seen[0] = Math.max(seen[0], rs.getLong("revision"));
            add(rs, changes);
        });
        if (seen[0] != to) {
            return Optional.empty();
        }
        return Optional.of(new ConfigChangeSet(from, to, ConfigHash.format(hashAtTo), changes, cluster.id(),
                cluster.epoch()));
    }

    private void add(ResultSet rs, List<ConfigChange> changes) throws SQLException {
        String payload = rs.getString("payload");
        if (payload != null) {
            changes.add(json.read(payload, ConfigChange.class));
        }
    }
}
