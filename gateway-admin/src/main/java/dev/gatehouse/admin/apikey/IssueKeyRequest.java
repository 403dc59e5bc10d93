package dev.gatehouse.admin.apikey;

import java.time.Instant;

/**
 * What to issue; the whole body is optional.
 *
 * @param expiresAt when the key stops working (must be in the future), or absent for never
 * @param scopes    what the key may call, or absent for everything its consumer may call
 */
public record IssueKeyRequest(Instant expiresAt, ScopesRequest scopes) {
}
