package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.PLAN;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE_CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;

/**
 * Refuses request bodies larger than {@code maxBytes} with 413, by {@code Content-Length} up front and by counting
 * streamed bytes.
 *
 * @param maxBytes largest body accepted, at least 1
 */
@PolicyKind(name = "request-size", scopes = {GLOBAL, PLAN, CONSUMER, SERVICE, ROUTE, ROUTE_CONSUMER})
public record RequestSizePolicy(long maxBytes) implements PolicyConfig {

    /** Largest limit that may be set: 10 GiB. */
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024 * 1024;

    @Override
    public void validate(Violations violations) {
        violations.range("maxBytes", maxBytes, 1, MAX_BODY_BYTES);
    }
}
