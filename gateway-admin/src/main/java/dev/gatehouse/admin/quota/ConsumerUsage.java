package dev.gatehouse.admin.quota;

import java.time.Instant;
import java.util.List;

/**
 * A consumer's quota usage in the current UTC periods ({@code GET /api/v1/consumers/{consumer}/usage}).
 *
 * @param consumerId id of the consumer
 * @param consumer   its name
 * @param plan       name of its plan, or {@code null}
 * @param source     {@code redis} (the nodes' live counters, raised to the call-log count) or {@code call-log}
 *                   (no Redis configured, or it did not answer: counted calls, up to a few seconds behind)
 * @param at         when this was read
 * @param quotas     one entry per quota of the plan; empty without a plan or quotas
 */
public record ConsumerUsage(String consumerId, String consumer, String plan, String source, Instant at,
                            List<QuotaUsage> quotas) {

    public ConsumerUsage {
        quotas = List.copyOf(quotas);
    }

    /**
     * Usage of one quota in its current period.
     *
     * @param calls       calls allowed per period
     * @param period      {@code day} or {@code month} (UTC)
     * @param by          {@code consumer} or {@code key}
     * @param periodStart start of the current period
     * @param resetAt     end of the current period, when the count starts again
     * @param used        calls counted (per key: those of the key closest to its quota)
     * @param remaining   calls left (never negative)
     * @param percent     used as a percentage of calls, 0 to 100
     * @param keys        per API key, for {@code by=key} quotas: every key with calls in the period
     */
    public record QuotaUsage(long calls, String period, String by, Instant periodStart, Instant resetAt, long used,
                             long remaining, int percent, List<KeyUsage> keys) {

        public QuotaUsage {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One API key's use of a per-key quota.
     *
     * @param keyPrefix the key's display prefix ({@code ""} stands for calls made with a JWT)
     * @param used      calls counted
     * @param remaining calls left
     * @param percent   used as a percentage of the quota
     */
    public record KeyUsage(String keyPrefix, long used, long remaining, int percent) {
    }
}
