package dev.gatehouse.config.policy;

/**
 * At most {@code calls} accepted calls per calendar day or month (UTC).
 *
 * @param calls  calls allowed per period, at least 1
 * @param period day or month
 * @param by     per consumer (absent) or per key
 */
public record Quota(long calls, QuotaPeriod period, QuotaKey by) {

    public Quota {
        by = by == null ? QuotaKey.CONSUMER : by;
    }
}
