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
 * @param clusterId    the cluster the changes belong to, or {@code null} from admins older than cluster identity
 * @param epoch        the cluster's restore epoch (see {@link ConfigSnapshot#epoch()}); a change set never crosses
 *                     epochs: a node holding another epoch asks for a snapshot instead
 */
public record ConfigChangeSet(long fromRevision, long toRevision, String hash, List<ConfigChange> changes,
                              String clusterId, long epoch) {

    public ConfigChangeSet {
        changes = changes == null ? List.of() : List.copyOf(changes);
        if (toRevision < fromRevision) {
            throw new IllegalArgumentException("toRevision < fromRevision");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch < 0");
        }
    }

    /** This change set stamped with a cluster id and epoch. */
    public ConfigChangeSet withCluster(String cluster, long clusterEpoch) {
        return new ConfigChangeSet(fromRevision, toRevision, hash, changes, cluster, clusterEpoch);
    }
}
