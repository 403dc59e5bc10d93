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

    private Instant createdAt;

    private Instant updatedAt;

    protected StoredAdminUser() {
    }

    AdminUser toAdminUser() {
        return new AdminUser(username, passwordHash, role, enabled);
    }
}
