package dev.gatehouse.admin.history;

import dev.gatehouse.admin.web.QueryParams;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Which revisions to list, parsed from request parameters shared by the API and the console. Every bad value is
 * reported as a violation on its parameter name; a filter is built only from valid input.
 *
 * @param actor  the actor's name (a user name or token name), exact
 * @param kind   revisions that changed an object of this kind, one of {@link #KINDS}
 * @param name   revisions that changed an object of this name (before or after), exact
 * @param from   earliest commit time, inclusive
 * @param to     latest commit time, exclusive
 * @param cursor where the previous page ended
 * @param limit  page size, 1 to {@value #MAX_LIMIT}
 */
record RevisionFilter(String actor, String kind, String name, Instant from, Instant to, RevisionCursor cursor,
                      int limit) {

    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;
    static final List<String> KINDS = Arrays.stream(EntityKind.values()).map(ObjectChange::wire).toList();
    private static final int MAX_TEXT = 200;

    /** The raw request parameters; any may be null or blank (not filtered on). */
    record Params(String actor, String kind, String name, String from, String to, String cursor, String limit) {
    }

    /** Parses the parameters, adding one violation per bad parameter; null when there was any. */
    static RevisionFilter parse(Params params, List<Violation> violations) {
        int before = violations.size();
        String actor = QueryParams.text("actor", params.actor(), MAX_TEXT, violations);
        String name = QueryParams.text("name", params.name(), MAX_TEXT, violations);
        String kind = QueryParams.blank(params.kind()) ? null : params.kind().strip();
        if (kind != null && !KINDS.contains(kind)) {
            violations.add(new Violation("kind", "must be one of " + String.join(", ", KINDS)));
        }
        Instant from = QueryParams.time("from", params.from(), violations);
        Instant to = QueryParams.time("to", params.to(), violations);
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("to", "must be after from"));
        }
        RevisionCursor cursor = null;
        if (!QueryParams.blank(params.cursor())) {
            cursor = RevisionCursor.decode(params.cursor().strip()).orElse(null);
            if (cursor == null) {
                violations.add(new Violation("cursor", "is not a cursor from a previous page"));
            }
        }
        int limit = DEFAULT_LIMIT;
        if (!QueryParams.blank(params.limit())) {
            try {
                limit = Integer.parseInt(params.limit().strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        return violations.size() > before ? null : new RevisionFilter(actor, kind, name, from, to, cursor, limit);
    }
}
