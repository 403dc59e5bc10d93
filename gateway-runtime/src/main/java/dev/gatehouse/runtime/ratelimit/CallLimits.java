package dev.gatehouse.runtime.ratelimit;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RateWindow;

/**
 * The rate limits and quotas of calls to one route by one consumer (or anonymous callers), compiled once per
 * configuration: Redis key bases are built here so a call only appends what varies per request.
 *
 * @param rates  the effective rate-limit policy's limits, empty when none applies
 * @param quotas the consumer's plan quotas, empty when none
 */
record CallLimits(List<RateRule> rates, List<QuotaRule> quotas) {

    static final CallLimits NONE = new CallLimits(List.of(), List.of());

    /**
     * One limit of a rate-limit policy.
     *
     * @param base     key base up to the bucket id: {@code <prefix>rl:<policy|plan>:<id>:<window>:}
     * @param fixed    the whole counter base when the bucket does not depend on the request, else {@code null}
     * @param requests calls per window
     * @param window   the window
     * @param by       what is counted separately
     * @param header   the header counted by, for {@code by=header}
     */
    record RateRule(String base, String fixed, long requests, RateWindow window, RateLimitKey by, String header) {
    }

    /**
     * One quota of the consumer's plan.
     *
     * @param quota        the quota
     * @param consumerBase counter base of the consumer's own count (used unless counted per key)
     */
    record QuotaRule(Quota quota, String consumerBase) {
    }

    static CallLimits compile(PolicyResolver policies, RouteSpec route, ConsumerSpec consumer, String prefix) {
        EffectivePolicy effective = policies.forCall(route, consumer).get(PolicyType.of(RateLimitPolicy.class));
        List<RateRule> rates = new ArrayList<>();
        if (effective != null && effective.config() instanceof RateLimitPolicy policy) {
            String owner = (effective.fromPlan() ? "plan:" : "policy:") + effective.policyId();
            for (RateLimit limit : policy.limits()) {
                String base = prefix + "rl:" + owner + ":" + limit.window().seconds() + ":";
                String fixed = null;
                if (policy.by() == RateLimitKey.ROUTE) {
                    fixed = base + "route:" + route.id() + ":";
                } else if (policy.by() == RateLimitKey.CONSUMER && consumer != null) {
                    fixed = base + "consumer:" + consumer.id() + ":";
                }
                rates.add(new RateRule(base, fixed, limit.requests(), limit.window(), policy.by(), policy.header()));
            }
        }
        List<QuotaRule> quotas = new ArrayList<>();
        if (consumer != null) {
            for (Quota quota : policies.quotas(consumer)) {
                quotas.add(new QuotaRule(quota, QuotaCounters.base(prefix, consumer.id(), null, quota.period())));
            }
        }
        if (rates.isEmpty() && quotas.isEmpty()) {
            return NONE;
        }
        return new CallLimits(List.copyOf(rates), List.copyOf(quotas));
    }

    /** Quotas counted per key need the key; the rest use the consumer's base. */
    static boolean perKey(QuotaRule rule) {
        return rule.quota().by() == QuotaKey.KEY;
    }
}
