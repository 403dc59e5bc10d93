package dev.gatehouse.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node tells the admin about itself, on every applied change and at a fixed interval.
 *
 * @param nodeId          stable node id ({@code GATEHOUSE_NODE_ID}, default the host name)
 * @param address         where the node's proxy port can be reached, {@code host:port}
 * @param version         Gatehouse version the node runs
 * @param appliedRevision configuration revision the node is serving; 0 when it has none
 * @param configHash      content hash of the configuration it is serving
 * @param configSource    where that configuration came from: {@code admin}, {@code disk} or {@code none}
 * @param keysLastUsed    API key id to the last time (epoch milliseconds) a call used it, for keys used since the
 *                        previous heartbeat; the admin keeps the latest value per key
 * @param callLog         state of the node's call-log shipping, or {@code null} from nodes that do not ship logs
 * @param circuits        circuit breakers that are not closed, {@code <route>/<service>} to state ({@code OPEN},
 *                        {@code HALF_OPEN}); empty when every circuit is closed (and from older nodes)
 * @param rateLimitMode   how the node counts rate limits and quotas: {@code redis} (cluster-wide), {@code fallback}
 *                        (Redis unreachable: per-node limits), {@code local} (no Redis configured); {@code null}
 *                        from older nodes
 * @param clusterId       the cluster id the node is pinned to (that of the configuration it serves); {@code null}
 *                        when it has none or from older nodes
 * @param epoch           the cluster epoch of the configuration it serves
 * @param refusal         why the node refuses the configuration its admin offers, while it does; {@code null} when
 *                        it accepts it (and from older nodes)
 */
public record NodeHeartbeat(String nodeId, String address, String version, long appliedRevision,
                            String configHash, String configSource, Map<String, Long> keysLastUsed,
                            CallLogStatus callLog, Map<String, String> circuits, String rateLimitMode,
                            String clusterId, long epoch, ConfigRefusal refusal) {

    public NodeHeartbeat {
        keysLastUsed = keysLastUsed == null ? Map.of() : Map.copyOf(keysLastUsed);
        circuits = circuits == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(circuits));
    }
}
