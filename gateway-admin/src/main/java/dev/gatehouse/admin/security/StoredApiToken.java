package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code api_tokens}: the SHA-256 digest of an admin API token, its owner (a user or service account),
 * the most it may do, and when it stops working.
 */
@Entity
@Table(name = "api_tokens")
class StoredApiToken {

    /** Uses are recorded at most this often, so that reads through the API do not each write a row. */
    static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    @Id
    private UUID id;

    private String name;

    private String tokenHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private UUID ownerId;

    private Instant createdAt;

    private Instant expiresAt;

    private Instant lastUsed;

    protected StoredApiToken() {
    }

    StoredApiToken(String name, String tokenHash, Role role, UUID ownerId, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.tokenHash = tokenHash;
        this.role = role;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    UUID ownerId() {
        return ownerId;
    }

    /** Whether the token has expired at {@code now}; a token without expiry never does. */
    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Notes a use at {@code now} unless one was noted within {@link #USE_RECORDED_EVERY}. */
    void used(Instant now) {
        if (lastUsed == null || lastUsed.isBefore(now.minus(USE_RECORDED_EVERY))) {
            lastUsed = now;
        }
    }

    TokenView toView(String owner) {
        return new TokenView(id, name, owner, role, createdAt, expiresAt, lastUsed);
    }
}
