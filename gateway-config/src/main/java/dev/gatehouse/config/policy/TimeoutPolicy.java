package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;

/**
 * Upstream time limits, overriding the service's own.
 *
 * @param connectTimeoutMs  longest wait for a connection, 1 to 60,000 ms
 * @param responseTimeoutMs longest wait for the response headers, 1 to 600,000 ms
 */
@PolicyKind(name = "timeout", scopes = {GLOBAL, SERVICE, ROUTE})
public record TimeoutPolicy(int connectTimeoutMs, int responseTimeoutMs) implements PolicyConfig {

    @Override
    public void validate(Violations violations) {
        violations.range("connectTimeoutMs", connectTimeoutMs, 1, 60_000);
        violations.range("responseTimeoutMs", responseTimeoutMs, 1, 600_000);
    }
}
