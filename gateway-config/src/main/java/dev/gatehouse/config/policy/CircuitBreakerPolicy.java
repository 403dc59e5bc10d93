package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;

/**
 * Stops calling an upstream that keeps failing (Resilience4j circuit breaker, one per service and route on each
 * node); while open, calls are answered 503 at once.
 *
 * @param failureRateThreshold percentage of failed calls (5xx or connection errors) that opens the circuit, 1 to 100
 * @param slidingWindowSize    number of recent calls the rate is computed over, 2 to 10,000
 * @param minimumCalls         calls needed before the rate counts, 1 to {@code slidingWindowSize}
 * @param openStateMs          how long the circuit stays open before letting trial calls through, 100 to 3,600,000
 * @param halfOpenCalls        trial calls let through while half open, 1 to 1,000
 */
@PolicyKind(name = "circuit-breaker", scopes = {GLOBAL, SERVICE, ROUTE})
public record CircuitBreakerPolicy(int failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                   long openStateMs, int halfOpenCalls) implements PolicyConfig {

    @Override
    public void validate(Violations violations) {
        violations.range("failureRateThreshold", failureRateThreshold, 1, 100);
        violations.range("slidingWindowSize", slidingWindowSize, 2, 10_000);
        violations.range("minimumCalls", minimumCalls, 1, Math.max(1, slidingWindowSize));
        violations.range("openStateMs", openStateMs, 100, 3_600_000);
        violations.range("halfOpenCalls", halfOpenCalls, 1, 1_000);
    }
}
