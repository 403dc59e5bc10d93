package dev.gatehouse.admin.publish;

/**
 * The current configuration revision.
 *
 * @param revision global revision, advanced by every committed change
 * @param hash     content hash of the configuration at that revision, 16 hex digits
 */
public record RevisionView(long revision, String hash) {
}
