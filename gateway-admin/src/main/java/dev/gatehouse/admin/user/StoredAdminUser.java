package dev.gatehouse.admin.user;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code admin_users}. Created only by the race-free insert in {@link AdminUserRepository}. */
@Entity
@Table(name = "admin_users")
class StoredAdminUser {

    @Id
    private UUID id;

    private String username;

    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private boolean enabled;

    private boolean serviceAccount;

    @Enumerated(EnumType.STRING)
    private UserOrigin origin;

    private String externalId;

    private Instant createdAt;

    private Instant updatedAt;

    protected StoredAdminUser() {
    }

    AdminUser toAdminUser() {
        return new AdminUser(id, username, passwordHash, role, enabled, serviceAccount, origin);
    }

    UserView toView() {
        return new UserView(id, username, role, enabled, serviceAccount, origin, createdAt, updatedAt);
    }

    void role(Role role, Instant now) {
        this.role = role;
        this.updatedAt = now;
    }

    void enabled(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    void passwordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }
}
