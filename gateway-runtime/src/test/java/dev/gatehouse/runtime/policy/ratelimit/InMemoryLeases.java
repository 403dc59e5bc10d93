package dev.gatehouse.runtime.policy.ratelimit;

import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The lease script's rule (grant min(wanted, limit − reserved), atomically) held in memory, answered on another
 * thread like Redis would; can be switched off to play an outage. Real Redis is exercised by the integration tests.
 */
final class InMemoryLeases implements LeaseSource {

    private final Map<String, Long> reserved = new HashMap<>();
    private volatile boolean up = true;
    private volatile CounterMode mode = CounterMode.REDIS;
    int requests;

    @Override
    public Mono<Lease> lease(String key, long limit, long want, long ttlMillis) {
        if (!up) {
            return Mono.error(new IllegalStateException("down"));
        }
        return Mono.fromCallable(() -> grant(key, limit, want)).subscribeOn(Schedulers.parallel());
    }

    private synchronized Lease grant(String key, long limit, long want) {
        requests++;
        long used = reserved.getOrDefault(key, 0L);
        long grant = Math.max(0, Math.min(want, limit - used));
        reserved.put(key, used + grant);
        return new Lease(grant, used + grant);
    }

    synchronized long reserved(String key) {
        return reserved.getOrDefault(key, 0L);
    }

    void down() {
        up = false;
    }

    void up() {
        up = true;
        mode = CounterMode.REDIS;
    }

    @Override
    public CounterMode mode() {
        return mode;
    }

    @Override
    public void failed(Throwable error) {
        mode = CounterMode.FALLBACK;
    }
}
