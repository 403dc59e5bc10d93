package dev.gatehouse.config;

/**
 * Names shared by the admin and the nodes for the cluster connection: endpoints, headers and event names.
 * See docs/adr/001-config-push-over-sse.md.
 */
public final class ClusterProtocol {

    /** Server-sent event stream of configuration; query parameter {@link #REVISION_PARAM}. */
    public static final String STREAM_PATH = "/cluster/v1/config/stream";
    /** Where nodes POST {@link NodeHeartbeat}s. */
    public static final String HEARTBEAT_PATH = "/cluster/v1/heartbeat";
    /** Where nodes POST {@link CallRecordBatch}es, gzip-compressed ({@code Content-Encoding: gzip}). */
    public static final String CALLS_PATH = "/cluster/v1/calls";
    /** Revision the node holds; 0 or absent asks for a full snapshot. */
    public static final String REVISION_PARAM = "revision";
    /**
     * Cluster id of the configuration the node holds (absent: none). With {@link #EPOCH_PARAM}, tells the admin
     * whether the node's revision is comparable to its own: if not, it sends a snapshot rather than changes.
     */
    public static final String CLUSTER_PARAM = "cluster";
    /** Cluster epoch of the configuration the node holds. */
    public static final String EPOCH_PARAM = "epoch";
    /** Header naming the node on every cluster request. */
    public static final String NODE_ID_HEADER = "X-Gatehouse-Node-Id";
    /** Event carrying a {@link ConfigSnapshot}. */
    public static final String SNAPSHOT_EVENT = "snapshot";
    /** Event carrying a {@link KeyChunk} of the snapshot sent just before. */
    public static final String KEYS_EVENT = "keys";
    /** Event carrying a {@link ConfigChangeSet}. */
    public static final String CHANGES_EVENT = "changes";

    private ClusterProtocol() {
    }
}
