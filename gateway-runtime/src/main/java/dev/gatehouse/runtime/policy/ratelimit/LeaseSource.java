package dev.gatehouse.runtime.policy.ratelimit;

import reactor.core.publisher.Mono;

/** Where token leases come from, and whether it can be asked now. */
interface LeaseSource {

    /**
     * Atomically reserves up to {@code want} tokens of {@code key}'s budget of {@code limit}; never more than the
     * budget in total, whatever the number of nodes asking.
     */
    Mono<Lease> lease(String key, long limit, long want, long ttlMillis);

    /** The current mode; {@link CounterMode#REDIS} means {@link #lease} may be asked. */
    CounterMode mode();

    /** A lease failed or timed out: stop asking until the source is seen to work again. */
    void failed(Throwable error);
}
