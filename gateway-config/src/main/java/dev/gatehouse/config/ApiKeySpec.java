package dev.gatehouse.config;

/**
 * An API key as nodes see it: never the key itself, only its keyed hash. Revoked keys are not published (a
 * revocation is a delete), so every published key works until {@code expiresAt}, as long as its consumer is active.
 *
 * @param id         stable identifier assigned by the admin (a UUID)
 * @param consumerId id of the consumer that owns the key
 * @param prefix     the first characters of the key, shown in consoles and call logs to identify it
 * @param hash       HMAC-SHA-256 of the key under the cluster's key-hashing secret, base64url without padding
 * @param expiresAt  expiry as epoch milliseconds, or 0 for never
 * @param scopes     what the key may call
 */
public record ApiKeySpec(String id, String consumerId, String prefix, String hash, long expiresAt, KeyScopes scopes)
        implements ConfigEntity {

    public ApiKeySpec {
        scopes = scopes == null ? KeyScopes.ANY : scopes;
    }

    /** Keys have no name of their own; the prefix identifies them to people. */
    @Override
    public String name() {
        return prefix;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.KEY;
    }
}
