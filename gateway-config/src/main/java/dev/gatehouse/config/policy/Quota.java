package dev.gatehouse.config.policy;

import dev.gatehouse.config.Violations;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * At most {@code calls} accepted calls per calendar day or month (UTC).
 *
 * @param calls  calls allowed per period, at least 1
 * @param period day or month
 * @param by     per consumer (absent) or per key
 */
public record Quota(long calls, QuotaPeriod period, QuotaKey by) {

    /** Most calls one quota may allow per period. */
    public static final long MAX_CALLS = 1_000_000_000_000L;

    public Quota {
        by = by == null ? QuotaKey.CONSUMER : by;
    }

    /**
     * Checks a plan's quotas, listed at {@code field}: each allows 1 to {@value #MAX_CALLS} calls, at most one per
     * period.
     */
    public static void validate(String field, List<Quota> quotas, Violations violations) {
        Set<QuotaPeriod> periods = EnumSet.noneOf(QuotaPeriod.class);
        for (int i = 0; i < quotas.size(); i++) {
            Quota quota = quotas.get(i);
            if (quota == null) {
                violations.add(field, i, "must not be null");
                continue;
            }
            Violations entry = violations.at(field, i);
            entry.range("calls", quota.calls(), 1, MAX_CALLS);
            if (quota.period() == null) {
                entry.add("period", "is required: day or month");
            } else if (!periods.add(quota.period())) {
                entry.add("period", "only one quota per period");
            }
        }
    }
}
