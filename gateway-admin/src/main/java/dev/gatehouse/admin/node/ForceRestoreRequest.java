package dev.gatehouse.admin.node;

/**
 * A deliberate force restore, typed by an ADMIN.
 *
 * @param confirm the cluster id to serve under afterwards, typed out as confirmation: this admin's own id (nodes
 *                accept its configuration in a new epoch) or the id a node reports (this admin adopts the nodes'
 *                cluster, for an admin started on an empty or foreign database that should take over the nodes)
 * @param reason  why, kept with who and when in the cluster identity
 */
public record ForceRestoreRequest(String confirm, String reason) {
}
