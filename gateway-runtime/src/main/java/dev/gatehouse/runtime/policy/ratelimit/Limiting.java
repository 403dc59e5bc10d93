package dev.gatehouse.runtime.policy.ratelimit;

/**
 * What a rate-limit or quota filter counts with: the Redis key prefix, its counters (windows or quota periods),
 * the enforcer that takes from them and the refusal metrics.
 *
 * @param prefix   Redis key prefix of the node's cluster
 * @param counters the counters of one kind (rate-limit windows or quota periods)
 * @param enforcer takes a call from several counters at once
 * @param metrics  counts refusals
 */
record Limiting(String prefix, LeasedCounters counters, Enforcer enforcer, RateLimitMetrics metrics)
        implements AutoCloseable {

    static Limiting of(String prefix, LeasedCounters counters, RateLimitMetrics metrics) {
        return new Limiting(prefix, counters, new Enforcer(counters), metrics);
    }

    /** Stops the counters' sweep. */
    @Override
    public void close() {
        counters.close();
    }
}
