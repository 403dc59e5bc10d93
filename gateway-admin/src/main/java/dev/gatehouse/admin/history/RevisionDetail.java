package dev.gatehouse.admin.history;

import java.time.Instant;
import java.util.List;

/**
 * One revision with what it changed, field by field: {@link Revision}'s fields plus {@code changeList}.
 *
 * @param changeList each object it changed, before against after
 */
public record RevisionDetail(long revision, Instant at, Revision.Actor actor, String reason, Revision.Counts changes,
                             List<Revision.ObjectRef> objects, List<ObjectChange> changeList) {

    public RevisionDetail {
        objects = List.copyOf(objects);
        changeList = List.copyOf(changeList);
    }

    static RevisionDetail of(Revision revision, List<ObjectChange> changeList) {
        return new RevisionDetail(revision.revision(), revision.at(), revision.actor(), revision.reason(),
                revision.changes(), revision.objects(), changeList);
    }
}
