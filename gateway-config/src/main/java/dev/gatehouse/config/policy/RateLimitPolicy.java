package dev.gatehouse.config.policy;

import java.util.List;

/**
 * Limits calls per second, minute and/or hour; every limit applies at once (10/s and 1000/h).
 *
 * @param limits one or more limits, at most one per window
 * @param by     what is counted separately (absent means consumer; anonymous calls then count per client address)
 * @param header the request header whose value is counted separately when {@code by} is {@code header}
 */
public record RateLimitPolicy(List<RateLimit> limits, RateLimitKey by, String header) implements PolicyConfig {

    public RateLimitPolicy {
        limits = limits == null ? List.of() : List.copyOf(limits);
        by = by == null ? RateLimitKey.CONSUMER : by;
    }

    @Override
    public PolicyType type() {
        return PolicyType.RATE_LIMIT;
    }
}
