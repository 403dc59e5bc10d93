package dev.gatehouse.config;

/**
 * Why a node refuses the configuration an admin offers it, reported in its heartbeats until it accepts one again.
 * A refusing node keeps serving what it holds: this is the admin being wrong (another cluster, an older or empty
 * database), not the node.
 *
 * @param reason    stable code: {@link #OTHER_CLUSTER}, {@link #OLDER_EPOCH}, {@link #OLDER_REVISION} or
 *                  {@link #EMPTY_CONFIGURATION}
 * @param message   the same for people, naming what the node holds and what it was offered
 * @param clusterId the cluster id the admin offered ({@code null} if the admin sent none)
 * @param epoch     the epoch the admin offered
 * @param revision  the revision the admin offered
 */
public record ConfigRefusal(String reason, String message, String clusterId, long epoch, long revision) {

    /** The admin's configuration belongs to another cluster (a different database). */
    public static final String OTHER_CLUSTER = "other-cluster";
    /** The admin's epoch is lower than the node's: it predates a force restore the node has seen. */
    public static final String OLDER_EPOCH = "older-epoch";
    /** Same cluster and epoch, but a revision older than the node's (a database restored from a backup). */
    public static final String OLDER_REVISION = "older-revision";
    /** An empty configuration would replace the node's non-empty one without a force restore. */
    public static final String EMPTY_CONFIGURATION = "empty-configuration";
}
