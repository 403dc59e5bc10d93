package dev.gatehouse.runtime.policy.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate-limit and quota settings, bound from {@code gatehouse.rate-limit.*}.
 *
 * @param redisUrl      Redis shared by the cluster ({@code GATEHOUSE_REDIS_URL}, e.g. {@code redis://redis:6379});
 *                      empty: no Redis, every node counts on its own
 * @param keyPrefix     prefix of every Redis key this node writes ({@code GATEHOUSE_REDIS_KEY_PREFIX}, default
 *                      {@code gatehouse:}); the admin must use the same
 * @param expectedNodes nodes the cluster normally runs ({@code GATEHOUSE_RATE_LIMIT_EXPECTED_NODES}, default 1):
 *                      without Redis each node allows {@code limit ÷ expectedNodes}
 * @param redisTimeout  longest time a call waits for a token lease ({@code GATEHOUSE_RATE_LIMIT_REDIS_TIMEOUT},
 *                      default 100 ms); past it that call is decided by the per-node share
 * @param leaseTimeout  a lease not answered within this time (default 1 s) switches the node to fallback
 * @param probeInterval how often a node in fallback checks whether Redis is back (default 1 s)
 */
@ConfigurationProperties("gatehouse.rate-limit")
public record RateLimitProperties(String redisUrl, String keyPrefix, Integer expectedNodes, Duration redisTimeout,
                                  Duration leaseTimeout, Duration probeInterval) {

    public RateLimitProperties {
        redisUrl = redisUrl == null ? "" : redisUrl.trim();
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "gatehouse:" : keyPrefix.trim();
        expectedNodes = expectedNodes == null || expectedNodes < 1 ? 1 : expectedNodes;
        redisTimeout = redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()
                ? Duration.ofMillis(100) : redisTimeout;
        leaseTimeout = leaseTimeout == null || leaseTimeout.compareTo(redisTimeout) < 0
                ? Duration.ofSeconds(1) : leaseTimeout;
        probeInterval = probeInterval == null || probeInterval.isNegative() || probeInterval.isZero()
                ? Duration.ofSeconds(1) : probeInterval;
    }

    /** True when a Redis URL is configured. */
    public boolean clustered() {
        return !redisUrl.isEmpty();
    }
}
