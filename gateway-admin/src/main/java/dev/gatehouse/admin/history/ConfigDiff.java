package dev.gatehouse.admin.history;

import java.util.List;

/**
 * How the configuration at {@code to} differs from the configuration at {@code from} ({@code from} may be the
 * later revision: then creations since read as deletions, and the reverse).
 *
 * @param from    the revision compared from
 * @param to      the revision compared to
 * @param changes one entry per object whose state differs
 */
public record ConfigDiff(long from, long to, List<ObjectChange> changes) {

    public ConfigDiff {
        changes = List.copyOf(changes);
    }
}
