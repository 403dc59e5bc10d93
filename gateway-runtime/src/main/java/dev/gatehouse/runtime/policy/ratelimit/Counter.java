package dev.gatehouse.runtime.policy.ratelimit;

import reactor.core.publisher.Mono;

/**
 * One counted bucket (a limit's window for one consumer, key, address, route or header value, or a quota's
 * period), as this node sees it: the tokens it has leased and not spent in the current window, the calls it
 * accepted, and what Redis said was reserved cluster-wide. Guarded by its own monitor: one counter is touched by
 * many event-loop threads, but only for a few field updates.
 */
final class Counter {

    /** Redis key without the window id. */
    final String base;
    long window = Long.MIN_VALUE;
    long windowEnd;
    long limit;
    long tokens;
    long accepted;
    long clusterTotal;
    boolean exhausted;
    long nextLease = 1;
    long lastLeaseAt;
    long waiters;
    /** Calls this node accepted in the window without a token (fallback, or a lease too slow): paid from leases. */
    long debt;
    Mono<Void> inflight;
    volatile long lastUsedWindowEnd;

    Counter(String base) {
        this.base = base;
    }

    /** Starts a new window: nothing leased, nothing accepted. The lease size carries over. */
    void roll(long window, long windowEnd) {
        this.window = window;
        this.windowEnd = windowEnd;
        this.lastUsedWindowEnd = windowEnd;
        tokens = 0;
        accepted = 0;
        clusterTotal = 0;
        exhausted = false;
        inflight = null;
        waiters = 0;
        debt = 0;
    }

    /** Spends held tokens on calls accepted without one; under the monitor. */
    void payDebt() {
        long pay = Math.min(debt, tokens);
        tokens -= pay;
        debt -= pay;
    }
}
