package dev.gatehouse.admin.publish;

import java.time.Instant;

/**
 * Who this admin's database says the cluster is: every snapshot and change set it sends carries {@code id} and
 * {@code epoch}, and nodes pinned to another id or a higher epoch refuse them. See docs/security/cluster-identity.md.
 *
 * @param id            the cluster id, a random UUID created once with the database
 * @param epoch         advanced only by a force restore
 * @param createdAt     when the database created it
 * @param restoredAt    when the last force restore happened, or {@code null}
 * @param restoredBy    who did it
 * @param restoreReason why, as they typed it
 */
public record ClusterIdentity(String id, long epoch, Instant createdAt, Instant restoredAt, String restoredBy,
                              String restoreReason) {
}
