package dev.gatehouse.admin.history;

import dev.gatehouse.config.EntityKind;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The configuration at a past revision, as far as a rollback restores it: every object of a restorable kind
 * (service, plan, policy, route, consumer) that changed in {@code (revision, current]}, as it was at
 * {@code revision}. Objects not listed are the same now as then. Keys and the cluster settings are never listed:
 * a rollback does not touch them.
 *
 * @param revision the revision described
 * @param current  the latest committed revision when this was read
 * @param changed  the objects changed since, in an order where an object comes after those it refers to
 */
public record RevisionState(long revision, long current, List<ObjectAt> changed) {

    public RevisionState {
        changed = List.copyOf(changed);
    }

    /**
     * One object as it was at the revision.
     *
     * @param kind what it is
     * @param id   its stable id
     * @param name its name at the revision, or its name when it was created if it did not exist then
     * @param then its contract JSON at the revision (the form {@code ConfigJson} writes, with a {@code kind}
     *             property), secrets replaced by {@link dev.gatehouse.admin.web.Redaction#MARKER}; null when
     *             the object did not exist at the revision (a rollback deletes it)
     */
    public record ObjectAt(EntityKind kind, String id, String name, JsonNode then) {
    }
}
