package dev.gatehouse.admin.node;

import dev.gatehouse.config.CallLogStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code nodes}: a runtime node as its last heartbeat described it. Written only by the upsert. */
@Entity
@Table(name = "nodes")
class StoredNode {

    @Id
    private String id;

    private String address;

    private String version;

    private long appliedRevision;

    private String configHash;

    private String configSource;

    private Instant firstSeen;

    private Instant lastHeartbeat;

    private Long callLogBufferedRecords;

    private Long callLogBufferCapacity;

    private Long callLogSpooledBatches;

    private Long callLogSpooledBytes;

    private Long callLogSpoolCapacity;

    private Long callLogDroppedRecords;

    private Long callLogShippedRecords;

    private String rateLimitMode;

    protected StoredNode() {
    }

    NodeView toView(Instant now) {
        return new NodeView(id, address, version, appliedRevision, configHash, configSource, lastHeartbeat,
                NodeService.status(lastHeartbeat, now), callLog(), rateLimitMode);
    }

    private CallLogStatus callLog() {
        if (callLogBufferedRecords == null) {
            return null;
        }
        return new CallLogStatus(callLogBufferedRecords, value(callLogBufferCapacity), value(callLogSpooledBatches),
                value(callLogSpooledBytes), value(callLogSpoolCapacity), value(callLogDroppedRecords),
                value(callLogShippedRecords));
    }

    private static long value(Long column) {
        return column == null ? 0 : column;
    }
}
