package dev.gatehouse.admin.node;

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

    protected StoredNode() {
    }

    NodeView toView(Instant now) {
        return new NodeView(id, address, version, appliedRevision, configHash, configSource, lastHeartbeat,
                NodeService.status(lastHeartbeat, now));
    }
}
