package dev.gatehouse.runtime.sync;

import java.util.Objects;

import dev.gatehouse.config.ConfigRefusal;

/**
 * Whether a node takes the configuration an admin offers, so that a wrong admin (started on an empty, older or
 * foreign database with the same cluster token) can never make it drop what it serves:
 * <ol>
 *   <li>a node that holds nothing accepts anything, and is pinned to that cluster from then on;</li>
 *   <li>another cluster id: refused ({@link ConfigRefusal#OTHER_CLUSTER});</li>
 *   <li>a lower epoch: refused ({@link ConfigRefusal#OLDER_EPOCH}); a higher one: accepted, whatever it holds
 *       (an operator forced a restore);</li>
 *   <li>same epoch, older revision: refused ({@link ConfigRefusal#OLDER_REVISION});</li>
 *   <li>same epoch, a snapshot with no service, route or consumer replacing a configuration that has some: refused
 *       ({@link ConfigRefusal#EMPTY_CONFIGURATION}).</li>
 * </ol>
 * A node whose configuration predates cluster identity (no cluster id in its last known good file) is not pinned
 * yet: it takes the first cluster id it is offered, but still never an older revision or an empty snapshot.
 */
final class AcceptanceRule {

    /**
     * What the node serves.
     *
     * @param ready          it holds a configuration (from the admin or its last known good file)
     * @param clusterId      the cluster it is pinned to, or null
     * @param epoch          the epoch of what it serves
     * @param revision       the revision it serves
     * @param servesNothing  it holds no service, route or consumer
     */
    record Held(boolean ready, String clusterId, long epoch, long revision, boolean servesNothing) {
    }

    /**
     * What the admin offers.
     *
     * @param snapshot       a whole configuration (else a change set)
     * @param clusterId      its cluster id, or null from an admin without cluster identity
     * @param epoch          its epoch
     * @param revision       its revision (a change set's target revision)
     * @param servesNothing  a snapshot with no service, route or consumer
     */
    record Offer(boolean snapshot, String clusterId, long epoch, long revision, boolean servesNothing) {
    }

    private AcceptanceRule() {
    }

    /** Why the offer is refused, or null when the node takes it. */
    static ConfigRefusal refusal(Held held, Offer offer) {
        if (!held.ready()) {
            return null;
        }
        boolean pinned = held.clusterId() != null;
        if (pinned && !Objects.equals(held.clusterId(), offer.clusterId())) {
            return refuse(ConfigRefusal.OTHER_CLUSTER, "this node serves cluster " + held.clusterId()
                    + "; the admin offers cluster " + offer.clusterId(), offer);
        }
        if (pinned && offer.epoch() < held.epoch()) {
            return refuse(ConfigRefusal.OLDER_EPOCH, "this node serves epoch " + held.epoch()
                    + "; the admin offers epoch " + offer.epoch(), offer);
        }
        if (pinned && offer.epoch() > held.epoch()) {
            return null;
        }
        if (offer.revision() < held.revision()) {
            return refuse(ConfigRefusal.OLDER_REVISION, "this node serves revision " + held.revision()
                    + "; the admin offers older revision " + offer.revision(), offer);
        }
        if (offer.snapshot() && offer.servesNothing() && !held.servesNothing()) {
            return refuse(ConfigRefusal.EMPTY_CONFIGURATION, "the admin offers an empty configuration (revision "
                    + offer.revision() + ") to replace this node's revision " + held.revision(), offer);
        }
        return null;
    }

    private static ConfigRefusal refuse(String reason, String message, Offer offer) {
        return new ConfigRefusal(reason, message, offer.clusterId(), offer.epoch(), offer.revision());
    }
}
