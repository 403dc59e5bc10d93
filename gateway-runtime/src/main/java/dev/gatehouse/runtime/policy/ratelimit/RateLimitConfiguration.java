package dev.gatehouse.runtime.policy.ratelimit;

import dev.gatehouse.runtime.NodeClock;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limits and quotas: one lease source (Redis when {@code GATEHOUSE_REDIS_URL} is set), one counter registry
 * for rate-limit windows and one for quota periods, the two filters, and a sweep that forgets ended windows.
 * Windows and periods follow the system clock, or a {@link Clock} bean where a test defines one.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Quota leases are capped at 1 % of the quota per expected node: what a node reserves but never spends. */
    private static final int QUOTA_LEASE_DIVISOR = 100;
    /** Rate-limit leases are capped at a quarter of the limit per expected node. */
    private static final int RATE_LEASE_DIVISOR = 4;

    /** Holds the Redis client, closed with the context. */
    static final class Leases implements AutoCloseable {
        final RedisLeases redis;

        Leases(RedisLeases redis) {
            this.redis = redis;
        }

        @Override
        public void close() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Bean
    Leases rateLimitLeases(RateLimitProperties properties) {
        return new Leases(properties.clustered()
                ? new RedisLeases(properties.redisUrl(), properties.leaseTimeout(), properties.probeInterval())
                : null);
    }

    @Bean
    RateLimitStatus rateLimitStatus(Leases leases, MeterRegistry registry) {
        RateLimitStatus status = new RateLimitStatus(leases.redis);
        RateLimitMetrics.bindMode(registry, status);
        return status;
    }

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry registry) {
        return new RateLimitMetrics(registry);
    }

    @Bean
    RateLimitFilterFactory rateLimitFilterFactory(Leases leases, RateLimitProperties properties,
                                                  RateLimitMetrics metrics, MeterRegistry registry,
                                                  ObjectProvider<Clock> clock) {
        LeasedCounters counters = new LeasedCounters(leases.redis, properties.expectedNodes(), RATE_LEASE_DIVISOR,
                properties.redisTimeout(), properties.leaseTimeout(), 10_000, NodeClock.millis(clock), metrics);
        register(registry, counters, "rate-limit");
        return new RateLimitFilterFactory(Limiting.of(properties.keyPrefix(), counters, metrics));
    }

    @Bean
    QuotaFilterFactory quotaFilterFactory(Leases leases, RateLimitProperties properties,
                                          RateLimitMetrics metrics, MeterRegistry registry,
                                          ObjectProvider<Clock> clock) {
        // quota counters outlive their period by two days, so the admin can still show yesterday's usage
        LeasedCounters counters = new LeasedCounters(leases.redis, properties.expectedNodes(), QUOTA_LEASE_DIVISOR,
                properties.redisTimeout(), properties.leaseTimeout(), Duration.ofDays(2).toMillis(), NodeClock.millis(clock),
                metrics);
        register(registry, counters, "quota");
        return new QuotaFilterFactory(Limiting.of(properties.keyPrefix(), counters, metrics));
    }

    private static void register(MeterRegistry registry, LeasedCounters counters, String kind) {
        Gauge.builder("gatehouse.rate.limit.counters", counters, LeasedCounters::size)
                .description("Buckets this node counts (windows not yet swept)")
                .tag("policy", kind)
                .register(registry);
        counters.startSweeping(Duration.ofSeconds(10));
    }
}
