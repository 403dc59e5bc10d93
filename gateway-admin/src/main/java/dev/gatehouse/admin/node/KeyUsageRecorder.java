package dev.gatehouse.admin.node;

import java.util.Map;

/**
 * Where the key usage that nodes report in heartbeats goes. Implemented by the key feature, so that the node
 * registry neither depends on it nor writes its table.
 */
public interface KeyUsageRecorder {

    /**
     * Records when keys were last used, keeping the latest time per key. Ids that name no key are ignored.
     * Called inside the heartbeat's transaction.
     *
     * @param lastUsed key id to epoch milliseconds
     */
    void recordLastUsed(Map<String, Long> lastUsed);
}
