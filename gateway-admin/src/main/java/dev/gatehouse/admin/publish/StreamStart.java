package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ClusterSettingsSpec;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyChunk;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the first events of a configuration stream: a snapshot followed by its keys in {@link KeyChunk}s, or the
 * change set from the node's revision to the current one. Reads in one REPEATABLE READ transaction so the
 * revision, hash, objects and keys agree; the keys are streamed from a cursor straight to the node, a chunk at a
 * time. The revision row and the change log are read with JDBC (they are this package's tables, not entities);
 * the content comes from the features' {@link PublishedConfigSource}s and {@link PublishedKeySource}, which join
 * the same transaction.
 */
@Component
class StreamStart {

    /** Keys per {@code keys} event. */
    static final int KEY_CHUNK_SIZE = 5_000;

    /** Where the events go; false when the node is gone. */
    @FunctionalInterface
    interface EventSink {
        boolean send(String event, long id, String data);
    }

    private final TransactionTemplate repeatableRead;
    private final JdbcClient jdbc;
    private final ChangeLog changeLog;
    private final Map<EntityKind, PublishedConfigSource> sources = new EnumMap<>(EntityKind.class);
    private final ObjectProvider<PublishedKeySource> keySource;
    private final ConfigJson json;
    private final ClusterIdentityStore identity;

    StreamStart(PlatformTransactionManager transactions, JdbcClient jdbc, ChangeLog changeLog,
                List<PublishedConfigSource> sources, ObjectProvider<PublishedKeySource> keySource, ConfigJson json,
                ClusterIdentityStore identity) {
        this.identity = identity;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.repeatableRead.setReadOnly(true);
        this.jdbc = jdbc;
        this.changeLog = changeLog;
        for (PublishedConfigSource source : sources) {
            if (source.kind() == EntityKind.KEY) {
                throw new IllegalStateException("keys are published through a PublishedKeySource ("
                        + source.getClass().getName() + ")");
            }
            if (this.sources.putIfAbsent(source.kind(), source) != null) {
                throw new IllegalStateException("two configuration sources for " + source.kind());
            }
        }
        this.keySource = keySource;
        this.json = json;
    }

    /**
     * Sends the first events for a node that holds {@code nodeRevision} (0 for none) of cluster {@code nodeCluster}
     * at {@code nodeEpoch} ({@code null} and 0 from nodes that do not say): changes when the node's revision is of
     * this admin's cluster and epoch (or the node does not say) and still in the change log, else a snapshot.
     * Everything sent carries this admin's cluster id and epoch, read in the same transaction as the content.
     *
     * @return the revision the node has after them, or -1 when the node went away while they were sent
     */
    long sendFirstEvents(long nodeRevision, String nodeCluster, long nodeEpoch, EventSink sink) {
        Long sent = repeatableRead.execute(status -> {
            long[] state = jdbc.sql("SELECT revision, hash FROM config_state WHERE id")
                    .query((rs, n) -> new long[] {rs.getLong("revision"), rs.getLong("hash")}).single();
            long revision = state[0];
            ClusterIdentity cluster = identity.current();
            boolean sameHistory = nodeCluster == null
                    || (nodeCluster.equals(cluster.id()) && nodeEpoch == cluster.epoch());
            if (sameHistory && nodeRevision > 0 && nodeRevision <= revision) {
                Optional<ConfigChangeSet> changes = changeLog.between(nodeRevision, revision, state[1]);
                if (changes.isPresent()) {
                    return sink.send(ClusterProtocol.CHANGES_EVENT, revision, json.writeString(changes.get()))
                            ? revision : -1L;
                }
            }
            return sendSnapshot(revision, state[1], cluster, sink) ? revision : -1L;
        });
        return sent == null ? -1 : sent;
    }

    /** The content hash of everything stored now, keys included, computed from scratch. */
    long computeHash(ConfigHash hasher) {
        long[] hash = {ConfigHash.EMPTY};
        for (PublishedConfigSource source : sources.values()) {
            for (ConfigEntity entity : source.currentEntities()) {
                hash[0] = hasher.update(hash[0], null, entity);
            }
        }
        PublishedKeySource keys = keySource.getIfAvailable();
        if (keys != null) {
            keys.forEachPublished(key -> hash[0] = hasher.update(hash[0], null, key));
        }
        return hash[0];
    }

    private boolean sendSnapshot(long revision, long hash, ClusterIdentity cluster, EventSink sink) {
        PublishedKeySource keys = keySource.getIfAvailable();
        long keyCount = keys == null ? 0 : keys.countPublished();
        ClusterSettingsSpec settings = current(EntityKind.SETTINGS, ClusterSettingsSpec.class).stream()
                .findFirst().orElse(null);
        ConfigSnapshot snapshot = new ConfigSnapshot(revision, ConfigHash.format(hash),
                current(EntityKind.SERVICE, ServiceSpec.class), current(EntityKind.ROUTE, RouteSpec.class),
                current(EntityKind.CONSUMER, ConsumerSpec.class), current(EntityKind.PLAN, PlanSpec.class),
                settings, keyCount, current(EntityKind.POLICY, PolicySpec.class), cluster.id(), cluster.epoch());
        if (!sink.send(ClusterProtocol.SNAPSHOT_EVENT, revision, json.writeString(snapshot))) {
            return false;
        }
        if (keyCount == 0) {
            return true;
        }
        List<ApiKeySpec> chunk = new ArrayList<>(KEY_CHUNK_SIZE);
        long[] streamed = {0};
        try {
            keys.forEachPublished(key -> {
                chunk.add(key);
                streamed[0]++;
                if (chunk.size() == KEY_CHUNK_SIZE) {
                    sendChunk(revision, chunk, sink);
                }
            });
            if (!chunk.isEmpty()) {
                sendChunk(revision, chunk, sink);
            }
        } catch (NodeGone e) {
            return false;
        }
        if (streamed[0] != keyCount) {
            // Cannot happen within one REPEATABLE READ transaction; if it did, the node's hash check fails.
            throw new IllegalStateException("announced " + keyCount + " keys but read " + streamed[0]);
        }
        return true;
    }

    private void sendChunk(long revision, List<ApiKeySpec> chunk, EventSink sink) {
        boolean sent = sink.send(ClusterProtocol.KEYS_EVENT, revision, json.writeString(new KeyChunk(revision, chunk)));
        chunk.clear();
        if (!sent) {
            throw new NodeGone();
        }
    }

    private <T extends ConfigEntity> List<T> current(EntityKind kind, Class<T> type) {
        PublishedConfigSource source = sources.get(kind);
        return source == null ? List.of() : source.currentEntities().stream().map(type::cast).toList();
    }

    /** Stops the key cursor when the node went away mid-snapshot. */
    private static final class NodeGone extends RuntimeException {
        NodeGone() {
            super(null, null, false, false);
        }
    }
}
