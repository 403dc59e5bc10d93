package dev.gatehouse.runtime.policy.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus view of rate limiting: {@code gatehouse_rate_limit_mode{mode="local|redis|fallback"}} (1 for the
 * current mode), {@code gatehouse_rate_limit_leases_total} (Redis round trips),
 * {@code gatehouse_rate_limit_lease_failures_total}, {@code gatehouse_rate_limit_unleased_total} and
 * {@code gatehouse_rate_limit_refused_total{policy="rate-limit|quota"}}.
 */
final class RateLimitMetrics {

    private final Counter leases;
    private final Counter leaseFailures;
    private final Counter unleased;
    private final Counter refusedRate;
    private final Counter refusedQuota;

    RateLimitMetrics(MeterRegistry registry) {
        leases = Counter.builder("gatehouse.rate.limit.leases")
                .description("Token leases asked of Redis (one round trip each)").register(registry);
        leaseFailures = Counter.builder("gatehouse.rate.limit.lease.failures")
                .description("Token leases that failed or timed out").register(registry);
        unleased = Counter.builder("gatehouse.rate.limit.unleased")
                .description("Calls decided by the per-node share because no lease came within the wait bound")
                .register(registry);
        refusedRate = Counter.builder("gatehouse.rate.limit.refused").tag("policy", "rate-limit")
                .description("Calls answered 429").register(registry);
        refusedQuota = Counter.builder("gatehouse.rate.limit.refused").tag("policy", "quota")
                .description("Calls answered 429").register(registry);
    }

    /** Registers the mode gauge. */
    static void bindMode(MeterRegistry registry, RateLimitStatus status) {
        for (CounterMode m : CounterMode.values()) {
            // the status bean is the gauge's state: gauges hold it weakly, the context strongly
            Gauge.builder("gatehouse.rate.limit.mode", status, s -> s.mode() == m ? 1 : 0)
                    .description("1 for how this node counts rate limits and quotas now")
                    .tag("mode", m.wireName())
                    .register(registry);
        }
    }

    void lease() {
        leases.increment();
    }

    void leaseFailed() {
        leaseFailures.increment();
    }

    void unleased() {
        unleased.increment();
    }

    void refused(boolean quota) {
        (quota ? refusedQuota : refusedRate).increment();
    }
}
