package dev.gatehouse.admin.declarative;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.admin.history.ObjectChange;
import java.util.List;

/**
 * The answer to an import or a rollback: what it changed (or, for a dry run, would change).
 *
 * @param dryRun    whether nothing was committed
 * @param revision  the one revision the changes committed as; null for a dry run or when nothing changed
 * @param changes   each created, updated or deleted object, in document order (kind, then name)
 * @param unchanged how many objects the request described that were already as described
 * @param kept      for a rollback: objects it left as they are, and why; absent for an import
 */
public record ChangeAnswer(boolean dryRun, Long revision, List<ObjectChange> changes, int unchanged,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<Kept> kept) {

    public ChangeAnswer {
        changes = List.copyOf(changes);
        kept = kept == null ? null : List.copyOf(kept);
    }

    /**
     * One object a rollback leaves as it is.
     *
     * @param kind   what it is ({@code consumer})
     * @param name   its name
     * @param reason why it is kept
     */
    public record Kept(String kind, String name, String reason) {
    }
}
