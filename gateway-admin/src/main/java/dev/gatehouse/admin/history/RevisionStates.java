package dev.gatehouse.admin.history;

/**
 * What the configuration was at a past revision, for rollbacks: implemented by the configuration history, used by
 * the rollback, which restores that state through the same path as a declarative import.
 */
public interface RevisionStates {

    /**
     * The objects that changed after {@code revision}, as they were at it.
     *
     * @param revision a committed revision within the recorded history
     * @return the state; {@link RevisionState#changed()} is empty when nothing changed since
     * @throws dev.gatehouse.admin.web.NotFoundException when {@code revision} was never committed, or lies
     *                                                   before the recorded history, whose start the message names
     */
    RevisionState at(long revision);
}
