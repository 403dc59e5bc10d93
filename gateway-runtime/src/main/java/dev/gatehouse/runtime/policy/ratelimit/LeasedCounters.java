package dev.gatehouse.runtime.policy.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Counts calls against limits with token leases. While the {@link LeaseSource} works, a node spends tokens it has
 * reserved from the window's shared counter (one atomic Redis script per lease), and reserves the next batch in
 * the background when half of the last one is spent; a call waits for Redis only when the node holds no token of
 * the window at all, and then at most {@code wait}: past it, that call is decided by the per-node share (counted
 * in {@code gatehouse_rate_limit_unleased_total}). A lease not answered within {@code leaseTimeout} switches the
 * node to fallback. The lease size adapts: it doubles while leases run out
 * within a second and halves when they last longer, capped at {@code limit ÷ (divisor × expected nodes)} so no
 * node can sit on much of a budget others need. Since nodes only spend what they reserved and Redis never
 * reserves more than the limit, the cluster accepts at most the limit per window.
 *
 * <p>Without a working source every node counts alone and allows {@code limit ÷ expected nodes} per window
 * (at least 1). Calls accepted in either mode count towards the same per-node window, so a switch mid-window
 * does not restart it; calls accepted without a token while Redis is configured become a debt that the next
 * leases of the window pay first, so the shared count catches up when Redis is back.
 */
final class LeasedCounters {

    static final int ALLOWED_LEASED = 0;
    static final int ALLOWED_LOCAL = 1;
    static final int DENIED = 2;
    static final int WAIT = 3;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final LeaseSource source;
    private final int expectedNodes;
    private final int leaseDivisor;
    private final Duration leaseTimeout;
    private final Duration wait;
    private final long ttlSlackMillis;
    private final LongSupplier clock;
    private final RateLimitMetrics metrics;
    private volatile Disposable sweeper;

    /**
     * @param source         leases, or {@code null} when no Redis is configured
     * @param leaseDivisor   the lease cap is {@code limit ÷ (leaseDivisor × expectedNodes)}
     * @param ttlSlackMillis how long a window's Redis counter outlives the window
     */
    LeasedCounters(LeaseSource source, int expectedNodes, int leaseDivisor, Duration wait, Duration leaseTimeout,
                   long ttlSlackMillis, LongSupplier clock, RateLimitMetrics metrics) {
        this.source = source;
        this.expectedNodes = expectedNodes;
        this.leaseDivisor = leaseDivisor;
        this.wait = wait;
        this.leaseTimeout = leaseTimeout;
        this.ttlSlackMillis = ttlSlackMillis;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** How this node counts right now. */
    CounterMode mode() {
        return source == null ? CounterMode.LOCAL : source.mode();
    }

    /** The counter for a Redis key base (everything but the window index). */
    Counter counter(String base) {
        Counter c = counters.get(base);
        return c != null ? c : counters.computeIfAbsent(base, Counter::new);
    }

    long now() {
        return clock.getAsLong();
    }

    /** What one node may accept per window when counting alone. */
    long perNode(long limit) {
        return Math.max(1, limit / expectedNodes);
    }

    private long cap(long limit) {
        return Math.max(1, limit / ((long) leaseDivisor * expectedNodes));
    }

    /**
     * Counts one call: {@link #ALLOWED_LEASED} or {@link #ALLOWED_LOCAL} (give it back with {@link #giveBack} if
     * the call is refused by another limit), {@link #DENIED}, or {@link #WAIT} for {@link #pending} and try again.
     */
    int tryTake(Counter c, long limit, long window, long windowEnd) {
        return tryTake(c, limit, window, windowEnd, true);
    }

    /**
     * As {@link #tryTake(Counter, long, long, long)}; an impatient call (one that already waited its bound) that
     * finds no token is decided by the per-node share instead of waiting again.
     */
    int tryTake(Counter c, long limit, long window, long windowEnd, boolean patient) {
        CounterMode mode = mode();
        long now = now();
        synchronized (c) {
            if (c.window != window) {
                c.roll(window, windowEnd);
            }
            c.limit = limit;
            if (mode != CounterMode.REDIS) {
                return tryLocal(c, limit, mode == CounterMode.FALLBACK);
            }
            if (c.debt > 0) {
                c.payDebt();
            }
            if (c.tokens > 0) {
                c.tokens--;
                c.accepted++;
                // reserve ahead only batches of several tokens: reserving a single token ahead would hold back
                // budget another node may need (small limits lease one token at a time)
                if (!c.exhausted && c.inflight == null && c.nextLease > 1 && c.tokens <= c.nextLease / 2) {
                    refill(c, now);
                }
                return ALLOWED_LEASED;
            }
            if (c.exhausted) {
                return DENIED;
            }
            if (!patient) {
                metrics.unleased();
                return tryLocal(c, limit, true);
            }
            c.waiters++;
            if (c.inflight == null) {
                refill(c, now);
            }
            return c.inflight == null && c.tokens == 0 && !c.exhausted && mode() != CounterMode.REDIS
                    ? tryLocal(c, limit, true) : WAIT;
        }
    }

    /**
     * Decides by the per-node share. With Redis configured the call is owed: the first tokens leased later in the
     * window pay for it, so a node back from fallback (or past a slow lease) brings the cluster count up to date.
     */
    private int tryLocal(Counter c, long limit, boolean owe) {
        if (c.accepted < perNode(limit)) {
            c.accepted++;
            if (owe) {
                c.debt++;
            }
            return ALLOWED_LOCAL;
        }
        return DENIED;
    }

    /** The longest a call waits for a lease in total before the per-node share decides it. */
    Duration waitBound() {
        return wait;
    }

    /** Completes when the lease in flight for {@code c} has been answered or failed. */
    Mono<Void> pending(Counter c) {
        synchronized (c) {
            return c.inflight == null ? Mono.empty() : c.inflight;
        }
    }

    /** Returns a call taken by {@link #tryTake} that another limit refused. */
    void giveBack(Counter c, long window, int taken) {
        synchronized (c) {
            if (c.window == window) {
                c.accepted--;
                if (taken == ALLOWED_LEASED) {
                    c.tokens++;
                } else if (c.debt > 0) {
                    c.debt--;
                }
            }
        }
    }

    /** Calls left in the window as this node knows it: unreserved cluster budget plus its own tokens. */
    long remaining(Counter c) {
        synchronized (c) {
            if (mode() != CounterMode.REDIS) {
                return Math.max(0, perNode(c.limit) - c.accepted);
            }
            return Math.max(0, c.limit - c.clusterTotal) + c.tokens;
        }
    }

    /** The limit a call is counted against now (the per-node share while not clustered). */
    long effectiveLimit(long limit) {
        return mode() == CounterMode.REDIS ? limit : perNode(limit);
    }

    // under c's monitor
    private void refill(Counter c, long now) {
        long want = Math.max(1, Math.min(cap(c.limit), Math.max(c.nextLease, c.waiters) + c.debt));
        c.waiters = 0;
        long window = c.window;
        long ttl = Math.max(1_000, c.windowEnd - now) + ttlSlackMillis;
        metrics.lease();
        Mono<Void> call = source.lease(c.base + window, c.limit, want, ttl)
                .timeout(leaseTimeout)
                .doOnSuccess(lease -> granted(c, window, want, lease))
                .doOnError(error -> {
                    synchronized (c) {
                        if (c.window == window) {
                            c.inflight = null;
                        }
                    }
                    metrics.leaseFailed();
                    source.failed(error);
                })
                .onErrorResume(error -> Mono.empty())
                .then()
                .cache();
        c.inflight = call;
        call.subscribe();
    }

    private void granted(Counter c, long window, long want, Lease lease) {
        long now = now();
        synchronized (c) {
            if (c.window != window) {
                return;
            }
            c.inflight = null;
            if (lease == null) {
                return;
            }
            c.tokens += lease.granted();
            c.payDebt();
            c.clusterTotal = Math.max(c.clusterTotal, lease.total());
            if (lease.total() >= c.limit) {
                c.exhausted = true;
            }
            c.nextLease = now - c.lastLeaseAt < 1_000 ? Math.min(cap(c.limit), want * 2) : Math.max(1, want / 2);
            c.lastLeaseAt = now;
        }
    }

    /** Forgets counters whose window ended more than the slack ago. */
    int sweep() {
        long horizon = now() - ttlSlackMillis;
        int before = counters.size();
        counters.values().removeIf(c -> c.lastUsedWindowEnd < horizon);
        return before - counters.size();
    }

    /** Sweeps every {@code interval} on a timer thread (never the event loop) until {@link #close}. */
    void startSweeping(Duration interval) {
        sweeper = Flux.interval(interval, Schedulers.parallel()).subscribe(tick -> sweep());
    }

    /** Stops sweeping. */
    void close() {
        Disposable s = sweeper;
        if (s != null) {
            s.dispose();
        }
    }

    /** Counters held, for the metrics. */
    int size() {
        return counters.size();
    }
}
