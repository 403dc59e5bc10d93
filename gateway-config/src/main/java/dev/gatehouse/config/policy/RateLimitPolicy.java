package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.PLAN;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE_CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HeaderName;

import java.util.List;

/**
 * Limits calls per second, minute and/or hour; every limit applies at once (10/s and 1000/h).
 *
 * @param limits one or more limits, at most one per window
 * @param by     what is counted separately (absent means consumer; anonymous calls then count per client address)
 * @param header the request header whose value is counted separately when {@code by} is {@code header}
 */
@PolicyKind(name = "rate-limit", scopes = {GLOBAL, PLAN, CONSUMER, SERVICE, ROUTE, ROUTE_CONSUMER})
public record RateLimitPolicy(List<RateLimit> limits, RateLimitKey by, String header) implements PolicyConfig {

    public RateLimitPolicy {
        limits = limits == null ? List.of() : List.copyOf(limits);
        by = by == null ? RateLimitKey.CONSUMER : by;
    }

    @Override
    public void validate(Violations violations) {
        RateLimit.validate("limits", limits, true, violations);
        if (by == RateLimitKey.HEADER) {
            if (!HeaderName.isValid(header)) {
                violations.add("header", HeaderName.INVALID + " when counting by header");
            }
        } else if (header != null) {
            violations.add("header", "is only used when counting by header");
        }
    }
}
