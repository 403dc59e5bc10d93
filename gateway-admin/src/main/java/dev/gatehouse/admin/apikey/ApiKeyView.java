package dev.gatehouse.admin.apikey;

import java.time.Instant;

/**
 * An API key as the API and console show it: never the key, only its prefix.
 *
 * @param id         the key's id
 * @param consumer   name of the consumer that holds it
 * @param prefix     its first characters
 * @param status     {@code active}; {@code rotating} (replaced by {@code replacedBy}, still valid until
 *                   {@code expiresAt}); {@code expired}; or {@code revoked}
 * @param createdAt  when it was issued
 * @param expiresAt  when it stops working, or null for never
 * @param lastUsedAt when a node last reported a call with it, or null
 * @param revokedAt  when it was revoked, or null
 * @param replacedBy id of the key that replaced it by rotation, or null
 * @param scopes     what it may call, by name
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record ApiKeyView(String id, String consumer, String prefix, String status, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String replacedBy,
                         ScopesRequest scopes, long version) {
}
