package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HttpMethod;

import java.util.List;

/**
 * Retries a failed upstream call on another attempt. By default only idempotent methods are retried, and only after
 * connection errors (refused, reset before a response, connect timeout); listing statuses also retries those answers.
 *
 * @param maxAttempts attempts in all, first included, 2 to 5
 * @param methods     methods that may be retried (absent means GET, HEAD, OPTIONS, PUT, DELETE)
 * @param statuses    upstream statuses (500 to 599) that are retried as well; empty means connection errors only
 * @param backoffMs   pause before each retry, 0 to 10,000 ms
 */
@PolicyKind(name = "retry", scopes = {GLOBAL, SERVICE, ROUTE})
public record RetryPolicy(int maxAttempts, List<String> methods, List<Integer> statuses, long backoffMs)
        implements PolicyConfig {

    /** Methods retried when none are listed. */
    public static final List<String> IDEMPOTENT = List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    public RetryPolicy {
        methods = methods == null || methods.isEmpty() ? IDEMPOTENT : List.copyOf(methods);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    @Override
    public void validate(Violations violations) {
        violations.range("maxAttempts", maxAttempts, 2, 5);
        violations.each("methods", methods, HttpMethod::problem);
        violations.each("statuses", statuses,
                s -> s == null || s < 500 || s > 599 ? "must be between 500 and 599" : null);
        violations.range("backoffMs", backoffMs, 0, 10_000);
    }
}
