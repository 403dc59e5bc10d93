package dev.gatehouse.runtime.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each API key was last used on this node, collected between two heartbeats, which carry it to the admin
 * (the console's "last used"). One map write per authenticated call; bounded, so a flood of distinct keys
 * cannot grow it without limit (keys beyond the bound wait for the next heartbeat interval).
 */
@Component
public class KeyUsage {

    static final int MAX_TRACKED = 200_000;

    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    /** Records a call with the key {@code keyId} now. */
    public void used(String keyId) {
        if (lastUsed.size() < MAX_TRACKED || lastUsed.containsKey(keyId)) {
            lastUsed.put(keyId, System.currentTimeMillis());
        }
    }

    /** Takes what was recorded since the previous call; entries recorded meanwhile stay for the next one. */
    public Map<String, Long> drain() {
        Map<String, Long> taken = new HashMap<>();
        lastUsed.forEach((id, at) -> {
            if (lastUsed.remove(id, at)) {
                taken.put(id, at);
            }
        });
        return taken;
    }
}
