package dev.gatehouse.admin.quota;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quota settings of the admin, bound from {@code gatehouse.quota.*}.
 *
 * @param redisUrl          the Redis the nodes count in ({@code GATEHOUSE_REDIS_URL}); empty: usage comes from call
 *                          logs only and nothing is reconciled
 * @param keyPrefix         prefix of the nodes' Redis keys ({@code GATEHOUSE_REDIS_KEY_PREFIX}, default
 *                          {@code gatehouse:}), the same as on the nodes
 * @param reconcileInterval how often quota counters in Redis are raised to what the call logs counted
 *                          ({@code GATEHOUSE_QUOTA_RECONCILE_INTERVAL}, default 60 s)
 */
@ConfigurationProperties("gatehouse.quota")
public record QuotaProperties(@DefaultValue("") String redisUrl, @DefaultValue("gatehouse:") String keyPrefix,
                              @DefaultValue("60s") Duration reconcileInterval) {

    public QuotaProperties {
        redisUrl = redisUrl == null ? "" : redisUrl.trim();
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "gatehouse:" : keyPrefix.trim();
        if (reconcileInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "gatehouse.quota.reconcile-interval must be at least 1s, got " + reconcileInterval);
        }
    }

    /** True when a Redis is configured. */
    public boolean clustered() {
        return !redisUrl.isEmpty();
    }
}
