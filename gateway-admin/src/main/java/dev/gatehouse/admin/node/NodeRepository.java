package dev.gatehouse.admin.node;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The node registry's rows. Only {@link NodeService} uses it. */
interface NodeRepository extends JpaRepository<StoredNode, String> {

    List<StoredNode> findAllByOrderByIdAsc();

    /**
     * Records a heartbeat, creating the node on first contact. One native upsert rather than find-then-save:
     * heartbeats arrive every few seconds from every node, possibly at several admin instances at once, and
     * {@code ON CONFLICT} makes the first contact race-free without a retry.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO nodes (id, address, version, applied_revision, config_hash, config_source, first_seen,
                               last_heartbeat, call_log_buffered_records, call_log_buffer_capacity,
                               call_log_spooled_batches, call_log_spooled_bytes, call_log_spool_capacity,
                               call_log_dropped_records, call_log_shipped_records, open_circuits,
                               rate_limit_mode, cluster_id, epoch, refusal_reason, refusal_message,
                               refused_cluster, refused_epoch, refused_revision)
            VALUES (:id, :address, :version, :appliedRevision, :configHash, :configSource, :now, :now,
                    :buffered, :bufferCapacity, :spooledBatches, :spooledBytes, :spoolCapacity, :dropped, :shipped,
                    :openCircuits, :rateLimitMode, :clusterId, :epoch, :refusalReason, :refusalMessage,
                    :refusedCluster, :refusedEpoch, :refusedRevision)
            ON CONFLICT (id) DO UPDATE SET address = EXCLUDED.address, version = EXCLUDED.version,
                applied_revision = EXCLUDED.applied_revision, config_hash = EXCLUDED.config_hash,
                config_source = EXCLUDED.config_source, last_heartbeat = EXCLUDED.last_heartbeat,
                call_log_buffered_records = EXCLUDED.call_log_buffered_records,
                call_log_buffer_capacity = EXCLUDED.call_log_buffer_capacity,
                call_log_spooled_batches = EXCLUDED.call_log_spooled_batches,
                call_log_spooled_bytes = EXCLUDED.call_log_spooled_bytes,
                call_log_spool_capacity = EXCLUDED.call_log_spool_capacity,
                call_log_dropped_records = EXCLUDED.call_log_dropped_records,
                call_log_shipped_records = EXCLUDED.call_log_shipped_records,
                open_circuits = EXCLUDED.open_circuits, rate_limit_mode = EXCLUDED.rate_limit_mode,
                cluster_id = EXCLUDED.cluster_id, epoch = EXCLUDED.epoch, refusal_reason = EXCLUDED.refusal_reason,
                refusal_message = EXCLUDED.refusal_message, refused_cluster = EXCLUDED.refused_cluster,
                refused_epoch = EXCLUDED.refused_epoch, refused_revision = EXCLUDED.refused_revision""")
    void recordHeartbeat(String id, String address, String version, long appliedRevision, String configHash,
                         String configSource, OffsetDateTime now, Long buffered, Long bufferCapacity,
                         Long spooledBatches, Long spooledBytes, Long spoolCapacity, Long dropped, Long shipped,
                         String openCircuits, String rateLimitMode, String clusterId, long epoch,
                         String refusalReason, String refusalMessage, String refusedCluster, Long refusedEpoch,
                         Long refusedRevision);
}
