package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.KeyScopes;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code api_keys}: the key's hash and display prefix, never the key. Times that nodes see
 * ({@code expires_at}) are kept to the millisecond, the precision of the published {@link ApiKeySpec}, so that
 * the spec rebuilt from the row is exactly the one that was published.
 */
@Entity
@Table(name = "api_keys")
class StoredApiKey extends StoredEntity {

    private UUID consumerId;

    private String prefix;

    private String hash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> scopeRoutes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> scopeServices;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> scopeTags;

    private Instant expiresAt;

    private Instant revokedAt;

    private UUID replacedBy;

    private Instant lastUsedAt;

    protected StoredApiKey() {
    }

    static StoredApiKey create(UUID id, UUID consumerId, String prefix, String hash, KeyScopes scopes,
                               Instant createdAt, Instant expiresAt) {
        StoredApiKey key = new StoredApiKey();
        key.created(id, createdAt);
        key.consumerId = consumerId;
        key.prefix = prefix;
        key.hash = hash;
        key.scopeRoutes = scopes.routes();
        key.scopeServices = scopes.services();
        key.scopeTags = scopes.tags();
        key.expiresAt = expiresAt;
        return key;
    }

    /** The key as nodes see it. */
    ApiKeySpec toSpec() {
        return new ApiKeySpec(getId().toString(), consumerId.toString(), prefix, hash,
                expiresAt == null ? 0 : expiresAt.toEpochMilli(), scopes());
    }

    KeyScopes scopes() {
        return new KeyScopes(scopeRoutes, scopeServices, scopeTags);
    }

    /** {@code revoked}, {@code expired}, {@code rotating} or {@code active} at the given time. */
    String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return replacedBy != null ? "rotating" : "active";
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    /** Marks the key as replaced; it keeps working until {@code until} (or its own earlier expiry). */
    void replace(UUID by, Instant until) {
        replacedBy = by;
        expiresAt = expiresAt == null || until.isBefore(expiresAt) ? until : expiresAt;
    }

    ApiKeyView toView(String consumerName, ScopesRequest scopeNames, Instant now) {
        return new ApiKeyView(getId().toString(), consumerName, prefix, status(now), createdAt(), expiresAt,
                lastUsedAt, revokedAt, replacedBy == null ? null : replacedBy.toString(), scopeNames,
                version());
    }

    UUID consumerId() {
        return consumerId;
    }

    String prefix() {
        return prefix;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean revoked() {
        return revokedAt != null;
    }
}
