package dev.gatehouse.runtime.ratelimit;

/**
 * How this node counts rate limits and quotas right now, for heartbeats and metrics: {@code local} (no Redis
 * configured), {@code redis} (cluster-wide) or {@code fallback} (Redis configured but unreachable).
 */
public final class RateLimitStatus {

    private final LeaseSource source;

    RateLimitStatus(LeaseSource source) {
        this.source = source;
    }

    /** The current mode. */
    public CounterMode mode() {
        return source == null ? CounterMode.LOCAL : source.mode();
    }
}
