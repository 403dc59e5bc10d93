package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works out the first event of a configuration stream: a snapshot, or the change set from the node's revision
 * to the current one. Reads in one REPEATABLE READ transaction so the revision, hash and content agree. The
 * revision row and the change log are read with JDBC (they are this package's tables, not entities); the
 * content comes from the features' {@link PublishedConfigSource}s, which join the same transaction.
 */
@Component
class StreamStart {

    /** The first event: its name, revision (event id) and JSON data. */
    record FirstEvent(String event, long revision, String data) {
    }

    /** Kinds this class knows how to put into a {@link ConfigSnapshot}. */
    private static final Set<EntityKind> SNAPSHOT_KINDS = Set.of(EntityKind.SERVICE, EntityKind.ROUTE);

    private final TransactionTemplate repeatableRead;
    private final JdbcClient jdbc;
    private final ChangeLog changeLog;
    private final Map<EntityKind, PublishedConfigSource> sources = new EnumMap<>(EntityKind.class);
    private final ConfigJson json;

    StreamStart(PlatformTransactionManager transactions, JdbcClient jdbc, ChangeLog changeLog,
                List<PublishedConfigSource> sources, ConfigJson json) {
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.repeatableRead.setReadOnly(true);
        this.jdbc = jdbc;
        this.changeLog = changeLog;
        for (PublishedConfigSource source : sources) {
            if (!SNAPSHOT_KINDS.contains(source.kind())) {
                throw new IllegalStateException("snapshots cannot carry " + source.kind() + " yet ("
                        + source.getClass().getName() + ")");
            }
            if (this.sources.putIfAbsent(source.kind(), source) != null) {
                throw new IllegalStateException("two configuration sources for " + source.kind());
            }
        }
        this.json = json;
    }

    /** The first event for a node that holds {@code nodeRevision} (0 for none). */
    FirstEvent firstEvent(long nodeRevision) {
        return repeatableRead.execute(status -> {
            long[] state = jdbc.sql("SELECT revision, hash FROM config_state WHERE id")
                    .query((rs, n) -> new long[] {rs.getLong("revision"), rs.getLong("hash")}).single();
            long revision = state[0];
            if (nodeRevision > 0 && nodeRevision <= revision) {
                Optional<ConfigChangeSet> changes = changeLog.between(nodeRevision, revision, state[1]);
                if (changes.isPresent()) {
                    return new FirstEvent(ClusterProtocol.CHANGES_EVENT, revision, json.writeString(changes.get()));
                }
            }
            return new FirstEvent(ClusterProtocol.SNAPSHOT_EVENT, revision, json.writeString(
                    new ConfigSnapshot(revision, ConfigHash.format(state[1]), current(EntityKind.SERVICE,
                            ServiceSpec.class), current(EntityKind.ROUTE, RouteSpec.class))));
        });
    }

    private <T extends ConfigEntity> List<T> current(EntityKind kind, Class<T> type) {
        PublishedConfigSource source = sources.get(kind);
        return source == null ? List.of() : source.currentEntities().stream().map(type::cast).toList();
    }
}
