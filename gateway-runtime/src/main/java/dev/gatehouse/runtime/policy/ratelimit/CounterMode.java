package dev.gatehouse.runtime.policy.ratelimit;

/** How a node counts rate limits and quotas right now. */
public enum CounterMode {
    /** No Redis configured: each node counts alone, allowing {@code limit ÷ expected nodes}. */
    LOCAL("local"),
    /** Token leases from the shared Redis: limits hold across the cluster. */
    REDIS("redis"),
    /** Redis configured but unreachable: per-node limits until it answers again. */
    FALLBACK("fallback");

    private final String wireName;

    CounterMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in metrics, heartbeats and the console. */
    public String wireName() {
        return wireName;
    }
}
