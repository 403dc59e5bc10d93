package dev.gatehouse.admin.upstream;

import dev.gatehouse.config.TargetSpec;
import jakarta.persistence.Embeddable;

/** A row of {@code service_targets}; its position in the list is the {@code position} column. */
@Embeddable
class StoredTarget {

    private String host;

    private int port;

    private int weight;

    protected StoredTarget() {
    }

    StoredTarget(String host, int port, int weight) {
        this.host = host;
        this.port = port;
        this.weight = weight;
    }

    TargetSpec toSpec() {
        return new TargetSpec(host, port, weight);
    }
}
