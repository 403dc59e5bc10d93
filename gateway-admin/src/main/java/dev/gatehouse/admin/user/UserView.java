package dev.gatehouse.admin.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as the API and console show it: everything but the password hash (and the provider identity of a single
 * sign-on user).
 *
 * @param origin LOCAL (password, or a service account) or OIDC (made by single sign-on; no password)
 */
public record UserView(UUID id, String username, Role role, boolean enabled, boolean serviceAccount,
                       UserOrigin origin, Instant createdAt, Instant updatedAt) {
}
