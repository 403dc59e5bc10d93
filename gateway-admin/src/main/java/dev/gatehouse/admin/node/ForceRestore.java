package dev.gatehouse.admin.node;

import dev.gatehouse.admin.publish.ClusterIdentity;
import dev.gatehouse.admin.publish.ClusterIdentityStore;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to make nodes accept a configuration they refuse: advance the cluster epoch. Nodes refuse an admin's
 * configuration of another cluster, an older revision or an empty one (see docs/security/cluster-identity.md);
 * after a force restore they take this admin's configuration as it stands, whatever it holds. So it is typed, not
 * clicked: the request names the cluster id to serve under, which is either this admin's own (new epoch) or one
 * that nodes report (adopting the nodes' cluster, for an admin on a new database). The new epoch is above every
 * epoch this admin or any node has reported for that cluster, so pinned nodes accept it. There is no audit table
 * yet: who, when and why are kept in the cluster identity row and logged at WARN.
 */
@Service
public class ForceRestore {

    private static final Logger log = LoggerFactory.getLogger(ForceRestore.class);
    private static final int MAX_REASON = 500;

    private final ClusterIdentityStore identity;
    private final NodeService nodes;

    ForceRestore(ClusterIdentityStore identity, NodeService nodes) {
        this.identity = identity;
        this.nodes = nodes;
    }

    /** The identity this admin publishes under. */
    public ClusterIdentity current() {
        return identity.current();
    }

    /**
     * Advances the epoch (adopting the named cluster id if it is not this admin's) on behalf of {@code user}.
     *
     * @throws InvalidInputException when the confirmation or reason is missing or names no known cluster
     */
    @Transactional
    public ClusterIdentity restore(ForceRestoreRequest request, String user) {
        ClusterIdentity before = identity.current();
        List<NodeView> known = nodes.list();
        List<Violation> violations = new ArrayList<>();
        String target = clusterId(request == null ? null : request.confirm(), violations);
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            violations.add(new Violation("reason", "is required: say why the nodes must take this configuration"));
        } else if (reason.length() > MAX_REASON) {
            violations.add(new Violation("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (target != null && !target.equals(before.id())
                && known.stream().noneMatch(node -> target.equals(node.clusterId()))) {
            violations.add(new Violation("confirm", "must be this admin's cluster id (" + before.id()
                    + ") or one a node reports"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        long highest = known.stream().filter(node -> target.equals(node.clusterId()))
                .mapToLong(NodeView::epoch).max().orElse(0);
        if (target.equals(before.id())) {
            highest = Math.max(highest, before.epoch());
        }
        ClusterIdentity after = identity.restore(target, highest + 1, user, reason);
        log.warn("FORCE RESTORE by {}: cluster {} epoch {} -> cluster {} epoch {}{}; nodes will accept this admin's "
                        + "configuration as it stands. Reason: {}", user, before.id(), before.epoch(), after.id(),
                after.epoch(), target.equals(before.id()) ? "" : " (adopted the nodes' cluster id)", reason);
        return after;
    }

    private static String clusterId(String confirm, List<Violation> violations) {
        if (confirm == null || confirm.isBlank()) {
            violations.add(new Violation("confirm", "is required: type the cluster id to restore"));
            return null;
        }
        try {
            return UUID.fromString(confirm.strip()).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("confirm", "must be a cluster id (a UUID)"));
            return null;
        }
    }
}
