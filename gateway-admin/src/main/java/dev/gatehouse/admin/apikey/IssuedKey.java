package dev.gatehouse.admin.apikey;

import java.time.Instant;

/**
 * A newly issued key: the only time the key itself is shown. The admin stores only its hash, so it cannot be
 * shown again; a lost key is revoked and replaced.
 *
 * @param id        the key's id, for revoking or rotating it
 * @param key       the key, such as {@code gwk_...} (53 characters); callers send it in the route's key header
 * @param prefix    its first characters, which identify it in the console and call logs
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or null for never
 * @param scopes    what it may call, by name
 */
public record IssuedKey(String id, String key, String prefix, Instant createdAt, Instant expiresAt,
                        ScopesRequest scopes) {

    @Override
    public String toString() {
        // Never let the key reach a log through a record's generated toString.
        return "IssuedKey[id=" + id + ", prefix=" + prefix + "]";
    }
}
