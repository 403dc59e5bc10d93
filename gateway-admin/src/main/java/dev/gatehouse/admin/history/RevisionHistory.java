package dev.gatehouse.admin.history;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configuration history as the API, the console and rollbacks read it: the revisions, one revision's changes,
 * the difference between two revisions and the state at a past revision. Reads that combine several statements
 * run in one repeatable-read snapshot, so a write committing meanwhile cannot tear them.
 */
@Service
class RevisionHistory implements RevisionStates {

    private final HistoryLog log;

    RevisionHistory(HistoryLog log) {
        this.log = log;
    }

    /** One page of revisions, newest first. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    RevisionPage list(RevisionFilter filter) {
        HistoryLog.Page page = log.list(filter);
        return new RevisionPage(page.items(), page.next(), log.start());
    }

    /**
     * One revision with its changes, field by field.
     *
     * @param text the revision as the request spelt it
     * @throws InvalidInputException when it is not a revision number
     * @throws NotFoundException     when the history has no such revision
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    RevisionDetail revision(String text) {
        List<Violation> violations = new ArrayList<>();
        long revision = parse("revision", text, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Revision found = log.find(revision).orElseThrow(() -> new NotFoundException(
                "the configuration history has no revision " + revision + " (it starts at revision " + log.start()
                        + ")"));
        List<ObjectChange> changes = log.rows(revision - 1, revision, EnumSet.allOf(EntityKind.class)).stream()
                .map(row -> ObjectChange.of(row.kind(), row.name(), row.id(), row.op(),
                        RevisionRange.fields(row.before(), row.after())))
                .toList();
        return RevisionDetail.of(found, changes);
    }

    /**
     * How the configuration at {@code to} differs from the configuration at {@code from}.
     *
     * @throws InvalidInputException when either is missing or not a revision number
     * @throws NotFoundException     when either lies outside the recorded history
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    ConfigDiff diff(String fromText, String toText) {
        List<Violation> violations = new ArrayList<>();
        long from = parse("from", fromText, violations);
        long to = parse("to", toText, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        long start = log.start();
        long current = log.current();
        recorded(from, start, current);
        recorded(to, start, current);
        if (from == to) {
            return new ConfigDiff(from, to, List.of());
        }
        RevisionRange range = new RevisionRange(log.rows(Math.min(from, to), Math.max(from, to),
                EnumSet.allOf(EntityKind.class)));
        return new ConfigDiff(from, to, range.diff(from < to));
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RevisionState at(long revision) {
        long current = log.current();
        recorded(revision, log.start(), current);
        RevisionRange range = new RevisionRange(log.rows(revision, current, RevisionRange.RESTORABLE));
        return new RevisionState(revision, current, range.atLow());
    }

    /** The first revision whose state the history knows. */
    @Transactional(readOnly = true)
    long start() {
        return log.start();
    }

    /** The latest committed revision. */
    @Transactional(readOnly = true)
    long current() {
        return log.current();
    }

    /**
     * Why the history cannot give the state at {@code revision}, or null when it can.
     */
    @Transactional(readOnly = true)
    String outside(long revision) {
        return outside(revision, log.start(), log.current());
    }

    static void recorded(long revision, long start, long current) {
        String problem = outside(revision, start, current);
        if (problem != null) {
            throw new NotFoundException(problem);
        }
    }

    static String outside(long revision, long start, long current) {
        if (revision < start) {
            return "revision " + revision + " is before the recorded configuration history, which starts at revision "
                    + start;
        }
        if (revision > current) {
            return "revision " + revision + " was never committed; the recorded history holds revisions " + start
                    + " to " + current;
        }
        return null;
    }

    /** A revision number, or a violation on {@code field}. */
    static long parse(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return -1;
        }
        try {
            long revision = Long.parseLong(text.strip());
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(field, "must be a revision number (a whole number, 0 or more)"));
        return -1;
    }
}
