package dev.gatehouse.config;

import java.util.List;

/**
 * The changes that take a node from one revision to a later one. A node applies a change set only when it
 * holds exactly {@code fromRevision}, and checks that its resulting content hash equals {@code hash}.
 *
 * @param fromRevision the revision the changes apply to
 * @param toRevision   the revision after the changes
 * @param hash         content hash of the configuration at {@code toRevision}
 * @param changes      the changes, in commit order
 */
public record ConfigChangeSet(long fromRevision, long toRevision, String hash, List<ConfigChange> changes) {

    public ConfigChangeSet {
        changes = changes == null ? List.of() : List.copyOf(changes);
        if (toRevision < fromRevision) {
            throw new IllegalArgumentException("toRevision < fromRevision");
        }
    }
}
