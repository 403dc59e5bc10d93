package dev.gatehouse.admin.node;

import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.ConfigRefusal;
import java.time.Instant;
import java.util.Map;

/**
 * A runtime node as the admin last heard of it.
 *
 * @param id              node id
 * @param address         where its proxy port is reached, {@code host:port}
 * @param version         Gatehouse version it runs
 * @param appliedRevision configuration revision it serves
 * @param configHash      content hash of the configuration it serves
 * @param configSource    {@code admin}, {@code disk} or {@code none}
 * @param lastHeartbeat   when it last reported
 * @param status          {@code connected} (heartbeat under 15 s old), {@code stale} (under 60 s) or
 *                        {@code disconnected}
 * @param callLog         call-log shipping state from its last heartbeat (buffered, spooled and dropped records),
 *                        or {@code null} when the node does not ship call logs
 * @param circuits        circuit breakers ({@code <route>/<service>}) that were not closed at its last heartbeat,
 *                        with their state ({@code OPEN}, {@code HALF_OPEN})
 * @param rateLimitMode   how it counts rate limits and quotas: {@code redis} (cluster-wide), {@code fallback}
 *                        (Redis unreachable, per-node limits), {@code local} (no Redis), {@code null} if not reported
 * @param clusterId       the cluster id the node is pinned to, {@code null} when it holds no configuration
 * @param epoch           the cluster epoch of the configuration it serves
 * @param refusal         why it refuses this admin's configuration (it keeps serving its own), {@code null} when it
 *                        does not
 */
public record NodeView(String id, String address, String version, long appliedRevision, String configHash,
                       String configSource, Instant lastHeartbeat, String status, CallLogStatus callLog,
                       Map<String, String> circuits, String rateLimitMode, String clusterId, long epoch,
                       ConfigRefusal refusal) {

    /** True while the node refuses the configuration an admin offers it. */
    public boolean refusing() {
        return refusal != null;
    }
}
