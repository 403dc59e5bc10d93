package dev.gatehouse.config.policy;

/**
 * Refuses request bodies larger than {@code maxBytes} with 413, by {@code Content-Length} up front and by counting
 * streamed bytes.
 *
 * @param maxBytes largest body accepted, at least 1
 */
public record RequestSizePolicy(long maxBytes) implements PolicyConfig {

    @Override
    public PolicyType type() {
        return PolicyType.REQUEST_SIZE;
    }
}
