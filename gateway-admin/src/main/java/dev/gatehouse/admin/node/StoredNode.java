package dev.gatehouse.admin.node;

import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.ConfigRefusal;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

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

    private String openCircuits;

    private String rateLimitMode;

    private String clusterId;

    private long epoch;

    private String refusalReason;

    private String refusalMessage;

    private String refusedCluster;

    private Long refusedEpoch;

    private Long refusedRevision;

    protected StoredNode() {
    }

    NodeView toView(Instant now) {
        return new NodeView(id, address, version, appliedRevision, configHash, configSource, lastHeartbeat,
                NodeService.status(lastHeartbeat, now), callLog(), decodeCircuits(openCircuits),
                rateLimitMode, clusterId, epoch, refusal());
    }

    /** The column form of a heartbeat's circuits: one {@code name=STATE} per line; null when none. */
    static String encodeCircuits(Map<String, String> circuits) {
        if (circuits.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(circuits).forEach((name, state) -> out.append(name).append('=').append(state).append('\n'));
        return out.toString();
    }

    static Map<String, String> decodeCircuits(String column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        for (String line : column.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private ConfigRefusal refusal() {
        if (refusalReason == null) {
            return null;
        }
        return new ConfigRefusal(refusalReason, refusalMessage, refusedCluster, value(refusedEpoch),
                value(refusedRevision));
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
