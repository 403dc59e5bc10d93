package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.util.UUID;

/**
 * Who a valid API token speaks for: its owner, and the lesser of the token's and the owner's current role, so
 * demoting a user demotes its tokens at once; and the token's own name (the audit trail's actor).
 */
record TokenIdentity(UUID tokenId, String name, String owner, Role role) {
}
