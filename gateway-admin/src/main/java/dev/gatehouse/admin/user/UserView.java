package dev.gatehouse.admin.user;

import java.time.Instant;
import java.util.UUID;

/** A user as the API and console show it: everything but the password hash. */
public record UserView(UUID id, String username, Role role, boolean enabled, boolean serviceAccount,
                       Instant createdAt, Instant updatedAt) {
}
