package dev.gatehouse.admin.history;

import java.util.List;

/**
 * A page of revisions, newest first.
 *
 * @param items        the revisions
 * @param next         opaque cursor for the next (older) page, or null when this is the last
 * @param historyStart the revision the history starts at: diffs and rollbacks work for revisions from it on
 */
public record RevisionPage(List<Revision> items, String next, long historyStart) {

    public RevisionPage {
        items = List.copyOf(items);
    }
}
