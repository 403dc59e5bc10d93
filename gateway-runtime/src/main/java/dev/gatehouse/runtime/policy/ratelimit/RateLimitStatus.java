package dev.gatehouse.runtime.policy.ratelimit;

import dev.gatehouse.runtime.node.HeartbeatContributor;
import dev.gatehouse.runtime.node.HeartbeatStatus;

/**
 * How this node counts rate limits and quotas right now, for heartbeats and metrics: {@code local} (no Redis
 * configured), {@code redis} (cluster-wide) or {@code fallback} (Redis configured but unreachable).
 */
public final class RateLimitStatus implements HeartbeatContributor {

    private final LeaseSource source;

    RateLimitStatus(LeaseSource source) {
        this.source = source;
    }

    @Override
    public void contribute(HeartbeatStatus heartbeat) {
        heartbeat.rateLimitMode(mode().wireName());
    }

    /** The current mode. */
    public CounterMode mode() {
        return source == null ? CounterMode.LOCAL : source.mode();
    }
}
