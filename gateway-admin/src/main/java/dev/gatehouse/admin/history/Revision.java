package dev.gatehouse.admin.history;

import java.time.Instant;
import java.util.List;

/**
 * One committed revision of the configuration as the history lists it: who committed it, when, why, and which
 * objects it changed.
 *
 * @param revision the revision
 * @param at       when it was committed
 * @param actor    who committed it
 * @param reason   why, when it was more than an edit ({@code import}, {@code rollback to revision 42},
 *                 {@code cluster identity restored}), else null
 * @param changes  how many objects it created, updated and deleted
 * @param objects  each object it changed, in the order written
 */
public record Revision(long revision, Instant at, Actor actor, String reason, Counts changes,
                       List<ObjectRef> objects) {

    public Revision {
        objects = List.copyOf(objects);
    }

    /**
     * Who committed a revision.
     *
     * @param type {@code user}, {@code token} or {@code system}
     * @param name the user name, the API token's name, or {@code gatehouse}
     */
    public record Actor(String type, String name) {
    }

    /** How many objects a revision created, updated and deleted. */
    public record Counts(int create, int update, int delete) {

        static Counts of(List<ObjectRef> objects) {
            int create = 0;
            int update = 0;
            int delete = 0;
            for (ObjectRef object : objects) {
                switch (object.op()) {
                    case "create" -> create++;
                    case "delete" -> delete++;
                    default -> update++;
                }
            }
            return new Counts(create, update, delete);
        }
    }

    /**
     * One object a revision changed.
     *
     * @param kind its kind
     * @param name its name after the change (before it, when deleted)
     * @param op   {@code create}, {@code update} or {@code delete}
     */
    public record ObjectRef(String kind, String name, String op) {
    }
}
