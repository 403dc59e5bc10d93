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

/** A row of {@code api_tokens}: the SHA-256 digest of an admin API token and what it may do. */
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

    private Instant createdAt;

    private Instant lastUsed;

    protected StoredApiToken() {
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    /** Notes a use at {@code now} unless one was noted within {@link #USE_RECORDED_EVERY}. */
    void used(Instant now) {
        if (lastUsed == null || lastUsed.isBefore(now.minus(USE_RECORDED_EVERY))) {
            lastUsed = now;
        }
    }
}
