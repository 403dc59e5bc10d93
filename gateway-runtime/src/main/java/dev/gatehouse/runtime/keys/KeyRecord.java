package dev.gatehouse.runtime.keys;

/**
 * What a request learns about the API key it presented, read from the key table.
 *
 * @param consumerId id of the consumer that owns the key
 * @param expiresAt  expiry as epoch milliseconds, 0 for never
 * @param scopes     what the key may call
 * @param prefix     the key's display prefix, for call logs
 * @param id         the key's id, for usage reports to the admin
 */
public record KeyRecord(String consumerId, long expiresAt, KeyScopeSet scopes, String prefix, String id) {

    /** True when the key has expired at {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt != 0 && nowMillis >= expiresAt;
    }
}
