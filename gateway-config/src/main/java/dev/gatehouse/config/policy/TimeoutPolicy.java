package dev.gatehouse.config.policy;

/**
 * Upstream time limits, overriding the service's own.
 *
 * @param connectTimeoutMs  longest wait for a connection, 1 to 60,000 ms
 * @param responseTimeoutMs longest wait for the response headers, 1 to 600,000 ms
 */
public record TimeoutPolicy(int connectTimeoutMs, int responseTimeoutMs) implements PolicyConfig {

    @Override
    public PolicyType type() {
        return PolicyType.TIMEOUT;
    }
}
