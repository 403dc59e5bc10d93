package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.time.Instant;
import java.util.UUID;

/** The answer to creating an API token: the only time {@code token} is shown; only its digest is stored. */
public record CreatedToken(UUID id, String name, String owner, Role role, Instant expiresAt, String token) {
}
