package dev.gatehouse.runtime.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.gatehouse.runtime.node.HeartbeatContributor;
import dev.gatehouse.runtime.node.HeartbeatStatus;

import org.springframework.stereotype.Component;

/**
 * When each API key was last used on this node, collected between two heartbeats, which carry it to the admin
 * (the console's "last used"). A map read per authenticated call, and a write at most once a second per key
 * (heartbeats come every few seconds, so nothing is lost); bounded, so a flood of distinct keys cannot grow it
 * without limit (keys beyond the bound wait for the next heartbeat interval).
 */
@Component
public class KeyUsage implements HeartbeatContributor {

    static final int MAX_TRACKED = 200_000;
    /** A key's time is refreshed at most this often. */
    static final long RESOLUTION_MS = 1_000;

    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** Times calls by the system clock. */
    public KeyUsage() {
        this(System::currentTimeMillis);
    }

    /** Times calls by {@code clock} (epoch milliseconds). */
    KeyUsage(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records a call with the key {@code keyId} now. */
    public void used(String keyId) {
        long now = clock.getAsLong();
        Long previous = lastUsed.get(keyId);
        if (previous != null ? now - previous >= RESOLUTION_MS : lastUsed.size() < MAX_TRACKED) {
            lastUsed.put(keyId, now);
        }
    }

    /** Reports (and so takes) the keys used since the previous heartbeat. */
    @Override
    public void contribute(HeartbeatStatus heartbeat) {
        heartbeat.keysLastUsed(drain());
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
