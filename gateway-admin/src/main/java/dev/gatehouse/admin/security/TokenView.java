package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never the token itself, which is shown only once, in {@link CreatedToken}. */
public record TokenView(UUID id, String name, String owner, Role role, Instant createdAt, Instant expiresAt,
                        Instant lastUsed) {
}
